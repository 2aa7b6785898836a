"""The two registries that map what WordPress writes onto body pieces: `SHORTCODES` and
`BLOCKS`. A newsroom adds its own with `@shortcode("name")` or `@block("namespace/name")`
(through `manchette.wordpress.content`); whatever has no entry keeps its text and is listed in
the import report."""

from collections.abc import Callable
from dataclasses import dataclass, field

from .pieces import Conversion


@dataclass
class Block:
    name: str
    attrs: dict
    children: list["Block | str"] = field(default_factory=list)

    def html(self) -> str:
        """The block's own markup with its inner blocks' markup in place."""
        return "".join(child if isinstance(child, str) else child.html() for child in self.children)

    def inner_blocks(self) -> list["Block"]:
        return [child for child in self.children if isinstance(child, Block)]


ShortcodeConverter = Callable[[Conversion, dict[str, str], str], None]
BlockConverter = Callable[[Conversion, "Block"], None]
SHORTCODES: dict[str, ShortcodeConverter] = {}
BLOCKS: dict[str, BlockConverter] = {}


def shortcode(*names: str) -> Callable[[ShortcodeConverter], ShortcodeConverter]:
    def register(converter: ShortcodeConverter) -> ShortcodeConverter:
        for name in names:
            SHORTCODES[name] = converter
        return converter

    return register


def block(*names: str) -> Callable[[BlockConverter], BlockConverter]:
    def register(converter: BlockConverter) -> BlockConverter:
        for name in names:
            BLOCKS[name if "/" in name else f"core/{name}"] = converter
        return converter

    return register
