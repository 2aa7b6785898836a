import secrets

from django.db import migrations, models


def first_generation(apps, schema_editor) -> None:
    apps.get_model("website", "ContentGeneration").objects.create(pk=1, token=secrets.token_hex(8))


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
