"""Phone numbers stored before the rule (vitrine.phone) are stored its way when it can read them
("0612345678" becomes "06 12 34 56 78"); the others are left exactly as they are, never erased.
Going back changes nothing."""

from django.db import migrations

from vitrine.phone import phone_normalised


def normalise_phones(apps, schema_editor):
    Profile = apps.get_model("residents", "Profile")
    changed = []
    for profile in Profile.objects.exclude(phone="").only("pk", "phone").iterator():
        normalised = phone_normalised(profile.phone)
        if normalised is not None and normalised != profile.phone:
            profile.phone = normalised
            changed.append(profile)
    Profile.objects.bulk_update(changed, ["phone"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0004_phone_rule"),
    ]

    operations = [
        migrations.RunPython(normalise_phones, migrations.RunPython.noop, elidable=True),
    ]
