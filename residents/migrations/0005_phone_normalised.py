"""Phone numbers stored before the rule (vitrine.phone) are stored its way when it can read them
("0612345678" becomes "06 12 34 56 78"); the others are left exactly as they are, never erased.
Going back changes nothing."""

import re

from django.db import migrations

# The rule as it stood when this migration was written (vitrine.phone), copied so that a later
# change of the rule never changes what this migration does.
TYPED = re.compile(r"\+?[0-9\s.()-]+")


def _french(national):
    if len(national) != 10 or national[0] != "0" or national[1] == "0":
        return None
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))


def phone_normalised(typed):
    typed = typed.strip()
    if not TYPED.fullmatch(typed):
        return None
    digits = re.sub(r"[^0-9]", "", typed)
    if typed.startswith("+"):
        international = digits
    elif digits.startswith("0033"):
        international = digits[2:]
    else:
        return _french(digits)
    if international.startswith("33"):
        national = international[2:]
        return _french(national if national.startswith("0") else f"0{national}")
    if 8 <= len(international) <= 15 and not international.startswith("0"):
        return f"+{international}"
    return None


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
