from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audience', '0004_daily_totals'),
    ]

    operations = [
        migrations.AlterField(
            model_name='dailyactions',
            name='action',
            field=models.CharField(choices=[('paywall', 'Paywall affiché'), ('offres', 'Page des offres ouverte'), ('abonnement', 'Abonnement commencé'), ('cadeau', 'Abonnement commencé après un article offert'), ('newsletter', 'Inscription à une newsletter'), ('ecoute', 'Écoute de la version audio')], max_length=12, verbose_name='action'),
        ),
    ]
