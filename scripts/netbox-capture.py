"""Loads a v6ready NetBox export into a running NetBox through its CSV import pages and saves what NetBox gives back.

Run by scripts/netbox-capture.sh, inside NetBox's own virtual environment (it uses `requests`, one of NetBox's
requirements, and Django for the column rules). It talks only to the NetBox URL it is given (127.0.0.1).
"""
import argparse
import csv
import io
import json
import os
import re
import sys
from html import unescape
from pathlib import Path

import requests

# The export's files, the import page each goes to, the app.model it creates, and the REST list it shows up in.
FILES = [
    ("custom-fields.csv", "/extras/custom-fields/import/", "extras.customfield", "/api/extras/custom-fields/"),
    ("tenants.csv", "/tenancy/tenants/import/", "tenancy.tenant", "/api/tenancy/tenants/"),
    ("sites.csv", "/dcim/sites/import/", "dcim.site", "/api/dcim/sites/"),
    ("manufacturers.csv", "/dcim/manufacturers/import/", "dcim.manufacturer", "/api/dcim/manufacturers/"),
    ("platforms.csv", "/dcim/platforms/import/", "dcim.platform", "/api/dcim/platforms/"),
    ("device-roles.csv", "/dcim/device-roles/import/", "dcim.devicerole", "/api/dcim/device-roles/"),
    ("device-types.csv", "/dcim/device-types/import/", "dcim.devicetype", "/api/dcim/device-types/"),
    ("ipam-roles.csv", "/ipam/roles/import/", "ipam.role", "/api/ipam/roles/"),
    ("vlans.csv", "/ipam/vlans/import/", "ipam.vlan", "/api/ipam/vlans/"),
    ("prefixes.csv", "/ipam/prefixes/import/", "ipam.prefix", "/api/ipam/prefixes/"),
    ("devices.csv", "/dcim/devices/import/", "dcim.device", "/api/dcim/devices/"),
    ("interfaces.csv", "/dcim/interfaces/import/", "dcim.interface", "/api/dcim/interfaces/"),
    ("ip-addresses.csv", "/ipam/ip-addresses/import/", "ipam.ipaddress", "/api/ipam/ip-addresses/"),
    ("services.csv", "/ipam/services/import/", "ipam.service", "/api/ipam/services/"),
]

# The REST lists and table pages saved, by the name the fixture file gets.
REST = {
    "tenants": "/api/tenancy/tenants/", "sites": "/api/dcim/sites/", "vlans": "/api/ipam/vlans/",
    "prefixes": "/api/ipam/prefixes/", "devices": "/api/dcim/devices/", "interfaces": "/api/dcim/interfaces/",
    "ip-addresses": "/api/ipam/ip-addresses/", "services": "/api/ipam/services/",
}
TABLES = {
    "tenants": "/tenancy/tenants/", "sites": "/dcim/sites/", "vlans": "/ipam/vlans/", "prefixes": "/ipam/prefixes/",
    "devices": "/dcim/devices/", "ip-addresses": "/ipam/ip-addresses/", "services": "/ipam/services/",
}


def csrf(session, url):
    page = session.get(url)
    page.raise_for_status()
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    return m.group(1) if m else session.cookies.get("csrftoken")


def login(base, user, password):
    s = requests.Session()
    token = csrf(s, base + "/login/")
    r = s.post(base + "/login/", data={"csrfmiddlewaretoken": token, "username": user, "password": password, "next": "/"},
               headers={"Referer": base + "/login/"}, allow_redirects=False)
    if r.status_code != 302:
        sys.exit("netbox-capture: login failed (HTTP %d)" % r.status_code)
    return s


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return max(0, sum(1 for row in csv.reader(f) if any(c.strip() for c in row)) - 1)


def form_errors(html):
    """The messages NetBox's import page shows when it rejects a file (`Record 3 weight: This field is required.`)."""
    found = []
    for m in re.finditer(r'<div[^>]*class="[^"]*(?:alert-danger|invalid-feedback|errorlist)[^"]*"[^>]*>(.*?)</div>', html, re.S):
        text = unescape(re.sub(r"<[^>]+>", " ", m.group(1)))
        text = re.sub(r"\s+", " ", text).strip()
        if text and text not in found:
            found.append(text)
    for m in re.finditer(r'<li[^>]*>\s*(Record \d+[^<]*)</li>', html):
        text = re.sub(r"\s+", " ", unescape(m.group(1))).strip()
        if text not in found:
            found.append(text)
    return found


def load(session, base, export, api):
    report = []
    for name, page, model, rest in FILES:
        path = Path(export) / name
        if not path.exists():
            report.append({"file": name, "object_type": model, "rows": 0, "loaded": 0, "rejected": 0, "errors": ["file absent"]})
            continue
        rows = rows_of(path)
        before = api(rest + "?limit=1")["count"]
        token = csrf(session, base + page)
        with open(path, "rb") as f:
            r = session.post(base + page, data={"csrfmiddlewaretoken": token, "import_method": "upload", "format": "csv",
                                                 "csv_delimiter": ","},
                             files={"upload_file": (name, f, "text/csv")}, headers={"Referer": base + page},
                             allow_redirects=False)
        after = api(rest + "?limit=1")["count"]
        loaded = after - before
        errors = [] if r.status_code == 302 else form_errors(r.text)
        entry = {"file": name, "object_type": model, "rows": rows, "loaded": loaded, "rejected": rows - loaded, "errors": errors}
        report.append(entry)
        print("netbox-capture: %-18s %5d rows, %5d loaded, %5d rejected%s" % (
            name, rows, loaded, rows - loaded, (": " + "; ".join(errors[:3])) if errors else ""), file=sys.stderr)
    return report


def save(path, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def import_rules(netbox_dir):
    """Each import page's "Field Options": the columns its form takes, required first, with their choices."""
    sys.path.insert(0, netbox_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbox.settings")
    import django
    django.setup()
    import netbox.urls  # noqa: F401 (loading the URLs registers every view, the import pages among them)
    from django import forms
    from netbox.registry import registry
    rules = {}
    for _, _, model, _ in FILES:
        app, name = model.split(".")
        for entry in registry["views"][app][name]:
            if entry["name"] != "bulk_import":
                continue
            view = entry["view"]
            view = getattr(view, "view_class", view)()
            fields = []
            for field_name, field in view._get_form_fields().items():
                item = {"name": field_name, "required": bool(field.required), "type": type(field).__name__}
                if getattr(field, "to_field_name", None):
                    item["accessor"] = field.to_field_name
                choices = getattr(field, "choices", None)
                if choices is not None and not isinstance(field, forms.ModelChoiceField):
                    values = []
                    for value, label in choices:
                        if isinstance(label, (list, tuple)):
                            values += [str(v) for v, _ in label]
                        elif value not in ("", None):
                            values.append(str(value))
                    item["choices"] = values
                fields.append(item)
            rules[model] = fields
    return rules


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--export", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--netbox-version", default="")
    p.add_argument("--import-rules-from", required=True)
    a = p.parse_args()
    if not re.match(r"^http://127\.0\.0\.1:\d+$", a.url):
        sys.exit("netbox-capture: talks to 127.0.0.1 only")
    base, out = a.url, Path(a.out)
    api_session = requests.Session()
    api_session.headers.update({"Authorization": "Token " + a.token, "Accept": "application/json"})

    def api(path):
        r = api_session.get(base + path)
        r.raise_for_status()
        return r.json()

    def raw(path):
        r = api_session.get(base + path)
        r.raise_for_status()
        # Absolute URLs in responses name the capture's throwaway port; the fixtures say netbox.example instead.
        return r.content.replace(base.encode(), b"https://netbox.example")

    session = login(base, a.user, a.password)
    report = load(session, base, a.export, api)

    # REST: ?limit=0 (at most MAX_PAGE_SIZE, 1000) as the docs tell users to fetch, and the default first page (50).
    for name, path in REST.items():
        save(out / "rest" / (name + ".json"), raw(path + "?limit=0"))
        save(out / "rest-page1" / (name + ".json"), raw(path))

    # Prefixes scoped to their sites, as most NetBox installations keep them: each prefix gets its VLAN's site.
    prefixes = api("/api/ipam/prefixes/?limit=0")["results"]
    vlans = {v["id"]: v for v in api("/api/ipam/vlans/?limit=0")["results"]}
    patch = []
    for prefix in prefixes:
        vlan = vlans.get((prefix.get("vlan") or {}).get("id"))
        if vlan and vlan.get("site"):
            patch.append({"id": prefix["id"], "scope_type": "dcim.site", "scope_id": vlan["site"]["id"]})
    if patch:
        r = api_session.patch(base + "/api/ipam/prefixes/", json=patch)
        r.raise_for_status()
    save(out / "rest-scoped" / "prefixes.json", raw("/api/ipam/prefixes/?limit=0"))
    save(out / "rest-scoped" / "prefixes-page1.json", raw("/api/ipam/prefixes/"))
    # Put them back, so the table exports show the prefixes as loaded.
    if patch:
        r = api_session.patch(base + "/api/ipam/prefixes/", json=[{"id": x["id"], "scope_type": None, "scope_id": None} for x in patch])
        r.raise_for_status()

    # Table exports: "All data" (?export) and "Current view" (?export=table, the default columns of a new user).
    for name, path in TABLES.items():
        r = session.get(base + path + "?export")
        r.raise_for_status()
        save(out / "table-all" / (name + ".csv"), r.content)
        r = session.get(base + path + "?export=table")
        r.raise_for_status()
        save(out / "table-current" / (name + ".csv"), r.content)

    rules = import_rules(a.import_rules_from)
    save(out / "import-rules.json", (json.dumps(rules, indent=1, ensure_ascii=False) + "\n").encode())
    summary = {
        "netbox_version": a.netbox_version,
        "rows": sum(x["rows"] for x in report), "loaded": sum(x["loaded"] for x in report),
        "rejected": sum(x["rejected"] for x in report), "files": report,
        "counts": {name: api(path + "?limit=1")["count"] for name, path in REST.items()},
    }
    save(out / "capture-report.json", (json.dumps(summary, indent=1, ensure_ascii=False) + "\n").encode())
    print("netbox-capture: %d rows, %d loaded, %d rejected" % (summary["rows"], summary["loaded"], summary["rejected"]), file=sys.stderr)


if __name__ == "__main__":
    main()
