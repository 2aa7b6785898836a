"""The demo's articles, one module per section, in the order the loader publishes them."""
