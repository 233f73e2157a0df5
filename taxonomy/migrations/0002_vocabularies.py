"""Create the controlled vocabularies with the slugs the contract fixes."""

from django.db import migrations

from taxonomy.vocabularies import VOCABULARIES

MODEL_NAMES = {
    "sector": "Sector",
    "theme": "Theme",
    "outcome_area": "OutcomeArea",
    "stage": "Stage",
    "region": "Region",
    "organisation_type": "OrganisationType",
    "role": "Role",
}


def create_terms(apps, schema_editor):
    for vocabulary, terms in VOCABULARIES.items():
        model = apps.get_model("taxonomy", MODEL_NAMES[vocabulary])
        for position, (slug, name, description) in enumerate(terms):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "sort_order": position},
            )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
