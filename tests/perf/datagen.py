"""A Norwegian-looking law firm at scale, for every benchmark: one generator.

``--scale`` picks the size (see ``SCALES``; medium is a tenth of large)::

    scale    lawyers  partners   matters  messages  time lines  deadlines
    small         10     2,000       400    10,000       4,000      1,000
    medium       100   100,000    20,000   500,000     200,000     50,000
    large        200 1,000,000   200,000 5,000,000   2,000,000    500,000

What it looks like, and why (a firm ten years old):

- **partners**: a quarter companies (Faker ``no_NO`` company names, or a
  family name and a trade, with a legal form), a fifth contact persons of a
  company, the rest private persons; Faker ``no_NO`` first and last names,
  20 % with a second first name and 25 % with a double surname, so that
  "Kari Hansen" recurs hundreds of times at large scale, as in a real client
  register (name collisions are what the conflict check must cope with).
  Addresses, post codes and towns from Faker ``no_NO`` (Faker has no
  ``nb_NO`` locale; ``no_NO`` is bokmål). 1 % of private persons are
  flagged confidential.
- **clients**: the client of each matter is drawn from half as many
  candidate clients with Zipf weights (exponent 0.8): a few big clients with
  hundreds of matters, a long tail with one or two.
- **matters**: opened over ten years with more in recent years; the older a
  matter, the likelier it is closed (after 2 years almost surely), closed
  ones older than 3 years mostly archived: about three quarters are closed
  or archived. 3 % confidential, 1 % with an ethical wall; a responsible
  lawyer (some lawyers busier than others), a supervising partner, 0–3 team
  members, the client and often a counterparty and its lawyer as parties.
- **messages, time lines, deadlines**: spread over matters with log-normal
  weights (a few matters have thousands of emails, most a handful), dated
  inside the matter's life; 70 % of messages are emails (each also in the
  correspondence log), the rest internal notes. Deadlines of closed matters
  are done (some cancelled, a few missed); those of open matters registered,
  with the reminder ladder's next date set.

How: the rows are planned in pure Python from ``random.Random`` streams
seeded per table (``Firm``; the same seed and Faker version give the same
firm, see ``tests/test_datagen.py``), then written with batched
``INSERT … SELECT … FROM unnest(…)``: the first record of each kind is
created through the ORM, the rest copy its row with the planned columns
replaced, so every column the ORM would fill has a valid value. Generated
deadlines have no activity or calendar event (nothing reads them at scale;
the reminder cron does not need them). Users and employees are created
through the ORM. Nothing is generated twice: a database that already holds
a generated firm is reported and left alone.

Run from the repository root on a scratch database with the four addons::

    source setup/bootstrap.sh
    "$ODOO_PY" $ODOO_BIN -c .odoo.conf -d law_crm_scale_medium --without-demo=1 \\
        -i law_crm,law_crm_deadlines,law_crm_gdpr,law_crm_billing_bridge --stop-after-init
    "$ODOO_PY" tests/perf/datagen.py law_crm_scale_medium --scale medium --seed 1

Let Odoo create the database (no ``createdb``): it adds the ``pg_trgm``
extension the conflict check's indexes need. It prints each stage's time,
the total and the database size. Benchmarks import ``generate`` (or
``Firm`` for rows without a database).

Used by ``bench_load.py`` (the medium firm) and ``bench_conflict_search.py``
(its contacts). The other benchmarks build small fixtures of their own
shape (one person with 10,000 messages, 50 alias targets, 100,000 deadlines
due today) that a firm does not have.

Measured on 2026-12-04 on the shared 2-core machine (load average 6 to 8
from other runs), into a database with the four addons and no demo data::

    $ "$ODOO_PY" tests/perf/datagen.py law_crm_scale_medium --scale medium --seed 1
    generating the medium firm, seed 1, into law_crm_scale_medium
      lawyers and employees               100      8.2 s
      partners                        100,000     29.8 s
      matters, parties, teams          20,000     12.9 s
      messages and log entries        500,000     82.4 s
      time lines                      200,000     19.7 s
      deadlines                        50,000      6.3 s
      analyze                                      1.6 s
      total                                      160.9 s
    database size: 578 MB

The same command into a second database (169.9 s) gave the same rows: the
md5 over every generated contact, matter, message, time line and deadline
(names, dates, states, amounts, in id order) was equal in both. The large
firm, the same day (load average 3 to 7; the test suite ran alongside for
the first 10 minutes)::

    $ "$ODOO_PY" tests/perf/datagen.py law_crm_scale_large --scale large --seed 1
      lawyers and employees               200     14.9 s
      partners                      1,000,000    134.0 s
      matters, parties, teams         200,000    146.5 s
      messages and log entries      5,000,000    963.6 s
      time lines                    2,000,000    167.3 s
      deadlines                       500,000     35.3 s
      analyze                                      3.0 s
      total                                     1464.6 s
    database size: 4859 MB

The shape of that medium firm, counted with SQL afterwards: 79 % of matters
closed or archived (11,292 closed, 4,560 archived, 4,065 open, 83 intake);
6,080 clients, the biggest with 778 matters, the median with 2; messages
per matter up to 1,818, median 13; 350,368 correspondence log entries; 598
confidential matters, 225 ethical-wall entries; the commonest full names
among the 100,000 contacts: Ole Hansen 35 times, Sindre Hansen 32.
"""

import argparse
import bisect
import itertools
import json
import math
import random
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path

from faker import Faker

SEED = 1
MARK = "datagen"  # res.partner.ref of generated contacts, login prefix of generated users
BATCH = 20_000
TODAY = date(2026, 12, 1)  # fixed, so the same seed gives the same dates on any day
YEARS = 10


@dataclass(frozen=True)
class Scale:
    lawyers: int
    partners: int
    matters: int
    messages: int
    time_lines: int
    deadlines: int


SCALES = {
    "small": Scale(10, 2_000, 400, 10_000, 4_000, 1_000),
    "medium": Scale(100, 100_000, 20_000, 500_000, 200_000, 50_000),
    "large": Scale(200, 1_000_000, 200_000, 5_000_000, 2_000_000, 500_000),
}

TRADES = (
    "Bygg",
    "Eiendom",
    "Transport",
    "Rør",
    "Regnskap",
    "Fisk",
    "Invest",
    "Holding",
    "Elektro",
    "Maskin",
    "Handel",
    "Consult",
    "Data",
    "Energi",
    "Shipping",
    "Havbruk",
    "Entreprenør",
    "Tannklinikk",
    "Bilsenter",
    "Sjømat",
    "Marine",
    "Utvikling",
)
FORMS = ("AS", "AS", "AS", "AS", "ASA", "ANS", "DA", "ENK", "SA")
MAIL_DOMAINS = ("gmail.com", "online.no", "hotmail.com", "outlook.com", "yahoo.no", "icloud.com")
KINDS = (
    "Arbeidsrett",
    "Leiekontrakt",
    "Kjøpekontrakt",
    "Arveoppgjør",
    "Skilsmisse",
    "Selskapsrett",
    "Skatt",
    "Forsikringssak",
    "Erstatning",
    "Entreprise",
    "Personvern",
    "Varemerke",
    "Oppkjøp",
    "Inkasso",
    "Eiendomstvist",
    "Straffesak",
)
SUBJECTS = (
    "Vedrørende {k}",
    "Utkast til avtale",
    "Oversendelse av dokumenter",
    "Spørsmål om fristen",
    "Referat fra møtet",
    "Tilsvar fra motparten",
    "Faktura og timeliste",
    "Innkalling til møte",
    "Re: {k}",
    "Sv: Dokumentasjon",
    "Bekreftelse",
    "Stevning",
    "Prosesskriv",
)
BODIES = (
    "Vi viser til samtale i dag og oversender som avtalt dokumentene i saken.",
    "Takk for tilsendt. Vi ser på dette og kommer tilbake i løpet av uken.",
    "Motparten har inngitt tilsvar. Vi går gjennom anførslene og gir en vurdering.",
    "Vedlagt følger utkast til avtale. Gi beskjed om merknader innen fredag.",
    "Retten har berammet hovedforhandling. Vi må avklare vitner og bevis.",
    "Notat til saken: klienten ønsker forlik dersom vilkårene er rimelige.",
)
TASKS = (
    "Gjennomgang av dokumenter",
    "Møte med klient",
    "Utarbeidelse av prosesskriv",
    "Telefon med motpartens advokat",
    "Juridisk utredning",
    "Forberedelse til rettsmøte",
    "Kontraktsutkast",
    "Korrespondanse",
    "Befaring",
    "Forhandlinger",
)
# (name, amount, unit): deadline rules of the catalogue, by how often they occur
DEADLINES = (
    ("Ankefrist", 1, "months"),
    ("Tilsvarsfrist", 3, "weeks"),
    ("Foreldelsesfrist", 3, "years"),
    ("Reklamasjonsfrist", 2, "years"),
    ("Frist for prosesskriv", 2, "weeks"),
    ("Frist for bevisoppgave", 1, "weeks"),
    ("Kjæremålsfrist", 1, "weeks"),
)
# Norway's commonest surnames in order (Statistics Norway), ahead of the rest.
COMMON_SURNAMES = (
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
)
UNIT_DAYS = {"days": 1, "weeks": 7, "months": 30, "years": 365}
RUNGS = (14, 7, 3, 1, 0)


def ascii_slug(text):
    text = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text if c.isalnum() or c == ".")


def norwegian_names():
    """Faker ``no_NO`` first names and surnames; surnames commonest first (SSB
    order for the top ones), so that a Zipf draw makes Hansen, not Aasen
    (Faker's first), the most frequent name of the register."""
    people = Faker("no_NO").provider("faker.providers.person")
    first = [*people.first_names_male, *people.first_names_female]
    rank = {name: i for i, name in enumerate(COMMON_SURNAMES)}
    last = sorted(people.last_names, key=lambda name: rank.get(name, len(rank)))
    return first, last


def cumulative(weights):
    return list(itertools.accumulate(weights))


class Firm:
    """The plan of a firm: rows as tuples of plain values, indexes instead of ids.

    Each table has its own random stream (``random.Random(f"{seed}-table")``),
    so a table's rows depend only on the seed, the scale and the tables it
    refers to. Row layouts are the ``*_COLUMNS`` below.
    """

    PARTNER_COLUMNS = (
        "name",
        "is_company",
        "parent",
        "street",
        "zip",
        "city",
        "email",
        "phone",
        "confidential",
    )
    MATTER_COLUMNS = (
        "name",
        "client",
        "lawyer",
        "supervisor",
        "team",
        "wall",
        "state",
        "date_opened",
        "date_closed",
        "confidential",
        "number",
        "counterparty",
        "counsel",
    )

    def __init__(self, scale="small", seed=SEED):
        self.scale = SCALES[scale] if isinstance(scale, str) else scale
        self.seed = seed

    def rng(self, table):
        return random.Random(f"{self.seed}-{table}")

    # -- lawyers ----------------------------------------------------------------

    def lawyers(self):
        """(name, is partner): the first fifth are partners of the firm."""
        fake = Faker("no_NO")
        fake.seed_instance(f"{self.seed}-lawyers")
        count = self.scale.lawyers
        return [(fake.name(), i < max(2, count // 5)) for i in range(count)]

    # -- partners ---------------------------------------------------------------

    @cached_property
    def partners(self):
        rng = self.rng("partners")
        fake = Faker("no_NO")
        fake.seed_instance(f"{self.seed}-partners")
        first, last = norwegian_names()
        last_weights = cumulative(1 / (k + 1) ** 0.7 for k in range(len(last)))
        addresses = [
            (fake.street_address(), fake.postcode(), fake.city())
            for _ in range(min(20_000, self.scale.partners))
        ]

        def surname():
            return rng.choices(last, cum_weights=last_weights)[0]

        rows, companies = [], []
        for i in range(self.scale.partners):
            street, zip_code, city = rng.choice(addresses)
            draw = rng.random()
            if draw < 0.25 or not companies:
                if rng.random() < 0.4:
                    stem = fake.company().rsplit(" ", 1)[0] if rng.random() < 0.5 else surname()
                    name = f"{stem} {rng.choice(TRADES)} {rng.choice(FORMS)}"
                else:
                    name = f"{fake.company()}"
                email = f"post@{ascii_slug(name.split(' ')[0])}{i}.no"
                rows.append(
                    (name, True, None, street, zip_code, city, email, self._phone(rng), False)
                )
                companies.append(i)
                continue
            given = rng.choice(first)
            if rng.random() < 0.2:
                given = f"{given} {rng.choice(first)}"
            family = surname()
            if rng.random() < 0.25:
                family = f"{surname()} {family}"
            name = f"{given} {family}"
            if draw < 0.45:  # contact person of a recent company, at its address
                parent = companies[-1 - int(rng.random() ** 2 * min(len(companies), 500))]
                street, zip_code, city = rows[parent][3:6]
                domain = rows[parent][6].split("@")[1]
                confidential = False
            else:
                parent = None
                domain = rng.choice(MAIL_DOMAINS)
                confidential = rng.random() < 0.01
            email = (
                f"{ascii_slug(given.split(' ')[0])}.{ascii_slug(family.split(' ')[-1])}{i}@{domain}"
            )
            rows.append(
                (name, False, parent, street, zip_code, city, email, self._phone(rng), confidential)
            )
        return rows

    @staticmethod
    def _phone(rng):
        return f"+47 {rng.choice('4923')}{rng.randrange(10_000_000):07d}"

    # -- matters ----------------------------------------------------------------

    @cached_property
    def matters(self):
        rng = self.rng("matters")
        partners = self.partners
        lawyers = self.lawyers()
        partner_lawyers = [i for i, (_name, is_partner) in enumerate(lawyers) if is_partner]
        busy = cumulative(rng.lognormvariate(0, 0.5) for _ in lawyers)
        # Candidate clients: companies and private persons, half as many as matters.
        eligible = [i for i, row in enumerate(partners) if row[2] is None]
        pool = rng.sample(eligible, min(len(eligible), max(1, self.scale.matters // 2)))
        client_weights = cumulative(1 / (k + 1) ** 0.8 for k in range(len(pool)))
        companies = [i for i in eligible if partners[i][1]]
        days = YEARS * 365
        plans = []
        for _ in range(self.scale.matters):
            client = rng.choices(pool, cum_weights=client_weights)[0]
            age = int(days * (1 - math.sqrt(rng.random())))  # recent years busier
            opened = TODAY - timedelta(days=age)
            closed, state = None, "open"
            if rng.random() < min(0.97, age / 730):
                closed = opened + timedelta(days=rng.randint(0, max(0, min(age, 900))))
                archive = (TODAY - closed).days > 3 * 365 and rng.random() < 0.7
                state = "archived" if archive else "closed"
            elif age < 30 and rng.random() < 0.3:
                state = "intake"
            lawyer = rng.choices(range(len(lawyers)), cum_weights=busy)[0]
            supervisor = rng.choice(partner_lawyers)
            others = [i for i in rng.sample(range(len(lawyers)), rng.randint(0, 3)) if i != lawyer]
            team = [i for i in others if i != supervisor]
            outsiders = [i for i in range(len(lawyers)) if i not in (lawyer, supervisor, *team)]
            wall = [rng.choice(outsiders)] if outsiders and rng.random() < 0.01 else []
            counterparty = rng.randrange(len(partners)) if rng.random() < 0.5 else None
            if counterparty == client:
                counterparty = None
            counsel = (
                rng.choice(companies) if counterparty is not None and rng.random() < 0.6 else None
            )
            kind = rng.choice(KINDS)
            client_name = partners[client][0]
            name = (
                f"{client_name} mot {partners[counterparty][0]}"
                if counterparty is not None
                else f"{client_name} – {kind}"
            )
            confidential = rng.random() < 0.03
            plans.append(
                [
                    name,
                    client,
                    lawyer,
                    supervisor,
                    team,
                    wall,
                    state,
                    opened,
                    closed,
                    confidential,
                    None,
                    counterparty,
                    counsel,
                ]
            )
        plans.sort(key=lambda plan: plan[7])  # numbered in the order they were opened
        per_year = {}
        for plan in plans:
            year = plan[7].year
            per_year[year] = per_year.get(year, 0) + 1
            plan[10] = f"{year}-{per_year[year]:04d}"
        return [tuple(plan) for plan in plans]

    def matter_weights(self, table):
        """Cumulative weights of matters for ``table``'s rows: log-normal, so a
        few matters have most of the mail and time, most matters a little."""
        rng = self.rng(f"{table}-weights")
        return cumulative(rng.lognormvariate(0, 1.2) for _ in self.matters)

    def _spread(self, table, count):
        """Yield (row number, matter index, a date in the matter's life, rng)."""
        rng = self.rng(table)
        matters = self.matters
        weights = self.matter_weights(table)
        total = weights[-1]
        for number in range(count):
            index = bisect.bisect_left(weights, rng.random() * total)
            index = min(index, len(matters) - 1)
            opened, closed = matters[index][7], matters[index][8] or TODAY
            day = opened + timedelta(days=rng.randint(0, (closed - opened).days))
            yield number, index, day, rng

    def messages(self):
        """(matter, is email, inbound, date-time, subject, body)."""
        for number, index, day, rng in self._spread("messages", self.scale.messages):
            email = rng.random() < 0.7
            inbound = email and rng.random() < 0.5
            moment = datetime(day.year, day.month, day.day, rng.randint(7, 18), rng.randint(0, 59))
            subject = rng.choice(SUBJECTS).format(k=self.matters[index][0][:40])
            body = f"<p>{rng.choice(BODIES)}</p><p>Ref. {number}</p>"
            yield (index, email, inbound, moment, subject, body)

    def time_lines(self):
        """(matter, lawyer, date, hours, description, billable)."""
        matters = self.matters
        for _number, index, day, rng in self._spread("time_lines", self.scale.time_lines):
            staff = [matters[index][2], *matters[index][4]]
            hours = rng.choice((0.25, 0.25, 0.5, 0.5, 0.5, 1.0, 1.0, 1.5, 2.0, 3.0, 4.0, 7.5))
            yield (index, rng.choice(staff), day, hours, rng.choice(TASKS), rng.random() < 0.85)

    def deadlines(self):
        """(matter, name, amount, unit, trigger date, due date, state, next reminder)."""
        matters = self.matters
        for _number, index, day, rng in self._spread("deadlines", self.scale.deadlines):
            name, amount, unit = rng.choice(DEADLINES)
            due = day + timedelta(days=amount * UNIT_DAYS[unit])
            reminder = None
            if matters[index][6] in ("open", "intake") and due >= TODAY:
                state = "registered"
                reminder = next(
                    (due - timedelta(days=r) for r in RUNGS if due - timedelta(days=r) >= TODAY),
                    due,
                )
            elif due >= TODAY:
                state = "cancelled"
            else:
                state = rng.choices(("done", "cancelled", "missed"), (95, 4, 1))[0]
            yield (index, name, amount, unit, day, due, state, reminder)


# -- Writing into a database -------------------------------------------------------


def column_types(cr, table):
    cr.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        [table],
    )
    return dict(cr.fetchall())


def reserve_ids(cr, table, count):
    """Take ``count`` consecutive ids from the table's sequence."""
    cr.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cr.fetchone()[0]
    cr.execute("SELECT nextval(%s)", [sequence])
    first = cr.fetchone()[0]
    cr.execute("SELECT setval(%s, %s)", [sequence, first + count])
    return list(range(first, first + count))


def clone(cr, table, template_id, columns, rows, ids=None):
    """Insert a copy of row ``template_id`` of ``table`` for each of ``rows``,
    with ``columns`` taken from the row; return the new ids in order (taken
    from the sequence, or ``ids`` reserved beforehand).

    One statement per ``BATCH`` rows: ``INSERT … SELECT`` from the template
    joined with ``unnest`` of one array per column.
    """
    rows = list(rows)
    if not rows:
        return []
    types = column_types(cr, table)
    ids = ids or reserve_ids(cr, table, len(rows))
    kept = [name for name in types if name != "id" and name not in columns]
    target = ", ".join(f'"{name}"' for name in ("id", *columns, *kept))
    source = ", ".join([*(f'v."{name}"' for name in ("id", *columns)), *(f't."{n}"' for n in kept)])
    arrays = ", ".join(f"%s::{types[name]}[]" for name in ("id", *columns))
    names = ", ".join(f'"{name}"' for name in ("id", *columns))
    query = (
        f'INSERT INTO "{table}" ({target}) SELECT {source} FROM "{table}" t, '
        f"unnest({arrays}) AS v({names}) WHERE t.id = %s"
    )
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        values = [ids[start : start + BATCH]] + [
            list(column) for column in zip(*chunk, strict=True)
        ]
        cr.execute(query, [*values, template_id])
    return ids


def batches(rows):
    """``rows`` (an iterator) in lists of ``BATCH``."""
    while batch := list(itertools.islice(rows, BATCH)):
        yield batch


def insert_rel(cr, table, left, right, pairs):
    pairs = list(pairs)
    for start in range(0, len(pairs), BATCH):
        chunk = pairs[start : start + BATCH]
        cr.execute(
            f'INSERT INTO "{table}" ("{left}", "{right}") '
            "SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING",
            [[a for a, _b in chunk], [b for _a, b in chunk]],
        )


class Stages:
    """Prints how long each stage took."""

    def __init__(self, out=sys.stdout):
        self.out, self.started, self.last = out, time.perf_counter(), time.perf_counter()

    def done(self, what, count=None):
        now = time.perf_counter()
        counted = f" {count:>10,}" if count is not None else " " * 11
        print(f"  {what:<28}{counted}  {now - self.last:7.1f} s", file=self.out, flush=True)
        self.last = now

    def total(self):
        return time.perf_counter() - self.started


def existing(env):
    """The generated firm's size if the database has one, else None."""
    env.cr.execute("SELECT count(*) FROM res_partner WHERE ref = %s", [MARK])
    return env.cr.fetchone()[0] or None


def generate(env, scale="small", seed=SEED, out=sys.stdout):
    """Write the firm of ``scale`` and ``seed`` into ``env``'s database (as
    superuser; the caller commits). Returns a dict of ids by kind."""
    firm = Firm(scale, seed)
    stages = Stages(out)
    cr = env.cr
    env = env(
        context={
            "mail_create_nolog": True,
            "mail_notrack": True,
            "tracking_disable": True,
            "no_reset_password": True,
            "mail_create_nosubscribe": True,
        }
    )
    if not env.company.chart_template and "account.chart.template" in env:
        env["account.chart.template"].try_loading("no", env.company, install_demo=False)
        stages.done("Norwegian chart of accounts")
    users = create_lawyers(env, firm)
    stages.done("lawyers and employees", len(users))

    partner_ids = write_partners(env, firm)
    stages.done("partners", len(partner_ids))
    matter_ids = write_matters(env, firm, users, partner_ids)
    stages.done("matters, parties, teams", len(matter_ids))
    message_ids = write_messages(env, firm, users, partner_ids, matter_ids)
    stages.done("messages and log entries", len(message_ids))
    time_ids = write_time_lines(env, firm, users, matter_ids)
    stages.done("time lines", len(time_ids))
    deadline_ids = write_deadlines(env, firm, users, matter_ids)
    stages.done("deadlines", len(deadline_ids))
    for table in (
        "res_partner",
        "project_project",
        "mail_message",
        "law_correspondence",
        "account_analytic_line",
        "law_deadline",
        "law_matter_party",
    ):
        cr.execute(f'ANALYZE "{table}"')
    env.invalidate_all()
    stages.done("analyze")
    print(f"  {'total':<39}  {stages.total():7.1f} s", file=out)
    return {
        "users": users.ids,
        "partners": partner_ids,
        "matters": matter_ids,
        "messages": message_ids,
        "time_lines": time_ids,
        "deadlines": deadline_ids,
    }


def create_lawyers(env, firm):
    group_partner = env.ref("law_crm.group_law_partner")
    group_lawyer = env.ref("law_crm.group_law_lawyer")
    values = []
    for i, (name, is_partner) in enumerate(firm.lawyers()):
        login = f"{MARK}-{firm.seed}-{i:03d}"
        values.append(
            {
                "name": name,
                "login": login,
                "email": f"{login}@advokatfirma.example",
                "group_ids": [(6, 0, (group_partner if is_partner else group_lawyer).ids)],
            }
        )
    users = env["res.users"].create(values)
    if "hr.employee" in env:
        env["hr.employee"].create([{"name": user.name, "user_id": user.id} for user in users])
    return users


def write_partners(env, firm):
    rows = firm.partners
    Partner = env["res.partner"]
    country = env.ref("base.no")
    name_key = _name_key()
    first = rows[0]
    template = Partner.create(
        {
            "name": first[0],
            "is_company": first[1],
            "street": first[3],
            "zip": first[4],
            "city": first[5],
            "email": first[6],
            "phone": first[7],
            "country_id": country.id,
            "ref": MARK,
        }
    )
    columns = (
        "name",
        "complete_name",
        "law_name_normalised",
        "is_company",
        "parent_id",
        "commercial_partner_id",
        "street",
        "zip",
        "city",
        "email",
        "phone",
        "is_confidential_person",
        "type",
    )
    planned = [template.id, *reserve_ids(env.cr, "res_partner", len(rows) - 1)]
    values = []
    for i, (name, is_company, parent, street, zip_code, city, email, phone, conf) in enumerate(
        rows[1:], start=1
    ):
        parent_id = planned[parent] if parent is not None else None
        complete = f"{rows[parent][0]}, {name}" if parent is not None else name
        values.append(
            (
                name,
                complete,
                name_key(name),
                is_company,
                parent_id,
                parent_id or planned[i],
                street,
                zip_code,
                city,
                email,
                phone,
                conf,
                "contact",
            )
        )
    clone(env.cr, "res_partner", template.id, columns, values, planned[1:])
    return planned


def _name_key():
    from odoo.addons.law_crm.names import name_key  # noqa: PLC0415

    return name_key


def write_matters(env, firm, users, partner_ids):
    """Matters with their alias, analytic account, team, wall and parties;
    client numbers and the matter sequences moved past the generated ones."""
    cr, plans, uid = env.cr, firm.matters, users.ids
    first = plans[0]
    template = env["project.project"].create(
        {
            "name": first[0],
            "is_matter": True,
            "matter_number": first[10],
            "partner_id": partner_ids[first[1]],
            "user_id": uid[first[2]],
            "supervising_partner_id": uid[first[3]],
            "allow_timesheets": True,
            "date_opened": first[7],
        }
    )
    ids = [template.id, *reserve_ids(cr, "project_project", len(plans) - 1)]
    rest = plans[1:]
    alias_ids = clone(
        cr,
        "mail_alias",
        template.alias_id.id,
        ("alias_name", "alias_full_name", "alias_force_thread_id", "alias_parent_thread_id"),
        [
            (f"sak-{plan[10]}", f"sak-{plan[10]}@{template.alias_id.alias_domain or ''}", mid, mid)
            for plan, mid in zip(rest, ids[1:], strict=True)
        ],
    )
    account_ids = clone(
        cr,
        "account_analytic_account",
        template.account_id.id,
        ("name", "partner_id"),
        [(json.dumps({"en_US": plan[0]}), partner_ids[plan[1]]) for plan in rest],
    )
    clone(
        cr,
        "project_project",
        template.id,
        (
            "name",
            "partner_id",
            "user_id",
            "supervising_partner_id",
            "matter_number",
            "state",
            "date_opened",
            "date_closed",
            "confidentiality",
            "alias_id",
            "account_id",
        ),
        [
            (
                json.dumps({"en_US": plan[0]}),
                partner_ids[plan[1]],
                uid[plan[2]],
                uid[plan[3]],
                plan[10],
                plan[6],
                plan[7],
                plan[8],
                "confidential" if plan[9] else "normal",
                alias,
                account,
            )
            for plan, alias, account in zip(rest, alias_ids, account_ids, strict=True)
        ],
        ids[1:],
    )
    cr.execute(
        "UPDATE project_project SET state = %s, date_closed = %s, confidentiality = %s "
        "WHERE id = %s",
        [first[6], first[8], "confidential" if first[9] else "normal", template.id],
    )
    insert_rel(
        cr,
        "law_matter_team_rel",
        "matter_id",
        "user_id",
        [(mid, uid[u]) for plan, mid in zip(plans, ids, strict=True) for u in plan[4]],
    )
    insert_rel(
        cr,
        "law_matter_wall_rel",
        "matter_id",
        "user_id",
        [(mid, uid[u]) for plan, mid in zip(plans, ids, strict=True) for u in plan[5]],
    )
    parties = []
    for plan, mid in zip(plans, ids, strict=True):
        parties.append((mid, partner_ids[plan[1]], "client", 10))
        if plan[11] is not None:
            parties.append((mid, partner_ids[plan[11]], "counterparty", 20))
        if plan[12] is not None:
            parties.append((mid, partner_ids[plan[12]], "opposing_counsel", 30))
    party = template.party_ids[:1] or env["law.matter.party"].create(
        {"matter_id": template.id, "partner_id": partner_ids[first[1]], "role": "client"}
    )
    cr.execute(
        "DELETE FROM law_matter_party WHERE matter_id = %s AND id != %s", [template.id, party.id]
    )
    clone(
        cr,
        "law_matter_party",
        party.id,
        ("matter_id", "partner_id", "role", "sequence"),
        [p for p in parties if p[0] != template.id or p[2] != "client"],
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE project_project")
    number_clients(env, ids)
    advance_matter_sequence(env, plans)
    return ids


def number_clients(env, matter_ids):
    """Client numbers in the order clients got their first matter, then the
    ``law.client`` sequence past them."""
    cr = env.cr
    sequence = env.ref("law_crm.seq_law_client")
    cr.execute(
        """
        WITH firsts AS (
            SELECT partner_id, row_number() OVER (ORDER BY min(date_opened), min(id)) AS n
              FROM project_project JOIN unnest(%s::int[]) AS m(id) USING (id)
             GROUP BY partner_id
        ), base AS (SELECT coalesce(max(substring(client_number FROM 2)::int), 0) AS b
                      FROM res_partner WHERE client_number ~ '^K[0-9]+$')
        UPDATE res_partner p SET client_number = 'K' || lpad((base.b + firsts.n)::text, 5, '0')
          FROM firsts, base WHERE p.id = firsts.partner_id AND p.client_number IS NULL
        """,
        [matter_ids],
    )
    cr.execute(
        "SELECT max(substring(client_number FROM 2)::int) FROM res_partner "
        "WHERE client_number ~ '^K[0-9]+$'"
    )
    sequence.number_next_actual = (cr.fetchone()[0] or 0) + 1


def advance_matter_sequence(env, plans):
    """Each year's range of the matter sequence continues after the generated
    numbers, so matters created later do not collide with them."""
    sequence = env.ref("law_crm.seq_law_matter")
    last = {}
    for plan in plans:
        last[plan[7].year] = max(last.get(plan[7].year, 0), int(plan[10].split("-")[1]))
    Range = env["ir.sequence.date_range"]
    for year, number in last.items():
        dates = {"date_from": date(year, 1, 1), "date_to": date(year, 12, 31)}
        existing_range = Range.search(
            [("sequence_id", "=", sequence.id), ("date_from", "=", dates["date_from"])]
        )
        existing_range = existing_range or Range.create({"sequence_id": sequence.id, **dates})
        existing_range.number_next_actual = max(existing_range.number_next_actual, number + 1)


def write_messages(env, firm, users, partner_ids, matter_ids):
    """Emails (each in the correspondence log) and internal notes on matters."""
    cr = env.cr
    plans = firm.matters
    user_partners = users.partner_id.ids
    email = env.ref("mail.mt_comment").id
    note = env.ref("mail.mt_note").id
    first_matter = env["project.project"].browse(matter_ids[0])
    template = first_matter.message_post(
        body="<p>Generated</p>",
        subject="Generated",
        message_type="email",
        subtype_id=email,
        author_id=partner_ids[plans[0][1]],
    )
    log = env["law.correspondence"].search([("mail_message_id", "=", template.id)], limit=1)
    log = log or env["law.correspondence"].create(
        {
            "matter_id": first_matter.id,
            "subject": "Generated",
            "kind": "email",
            "mail_message_id": template.id,
        }
    )
    ids = []
    rows = firm.messages()
    for batch in batches(rows):
        values, logs = [], []
        batch_ids = reserve_ids(cr, "mail_message", len(batch))
        for mid, (index, is_email, inbound, moment, subject, body) in zip(
            batch_ids, batch, strict=True
        ):
            plan = plans[index]
            author = partner_ids[plan[1]] if inbound else user_partners[plan[2]]
            values.append(
                (
                    matter_ids[index],
                    "email" if is_email else "comment",
                    email if is_email else note,
                    author,
                    moment,
                    subject,
                    body,
                    f"<gen-{firm.seed}-{mid}@datagen>",
                )
            )
            if is_email:
                logs.append(
                    (
                        matter_ids[index],
                        mid,
                        "in" if inbound else "out",
                        subject,
                        moment,
                        partner_ids[plan[1]],
                        users.ids[plan[2]],
                    )
                )
        clone(
            cr,
            "mail_message",
            template.id,
            (
                "res_id",
                "message_type",
                "subtype_id",
                "author_id",
                "date",
                "subject",
                "body",
                "message_id",
            ),
            values,
            batch_ids,
        )
        clone(
            cr,
            "law_correspondence",
            log.id,
            (
                "matter_id",
                "mail_message_id",
                "direction",
                "subject",
                "date",
                "client_id",
                "user_id",
            ),
            logs,
        )
        ids += batch_ids
    cr.execute("DELETE FROM law_correspondence WHERE id = %s", [log.id])
    cr.execute("DELETE FROM mail_message WHERE id = %s", [template.id])
    return ids


def write_time_lines(env, firm, users, matter_ids):
    """Timesheet lines on matters (account.analytic.line), 85 % billable."""
    cr = env.cr
    if "hr.employee" not in env:
        return []
    employees = dict(
        env["hr.employee"]
        .search([("user_id", "in", users.ids)])
        .mapped(lambda e: (e.user_id.id, e.id))
    )
    matter = env["project.project"].browse(matter_ids[0])
    template = env["account.analytic.line"].create(
        {
            "name": "Generated",
            "project_id": matter.id,
            "user_id": users.ids[0],
            "employee_id": employees[users.ids[0]],
            "unit_amount": 1.0,
            "date": TODAY,
        }
    )
    cr.execute(
        "SELECT id, account_id FROM project_project JOIN unnest(%s::int[]) AS m(id) USING (id)",
        [matter_ids],
    )
    accounts = dict(cr.fetchall())
    billable = "law_billable" in env["account.analytic.line"]._fields
    columns = ("project_id", "account_id", "user_id", "employee_id", "date", "unit_amount", "name")
    if billable:
        columns += ("law_billable", "law_billing_state")
    ids = []
    rows = firm.time_lines()
    for batch in batches(rows):
        values = []
        for index, lawyer, day, hours, task, is_billable in batch:
            user = users.ids[lawyer]
            row = (
                matter_ids[index],
                accounts[matter_ids[index]],
                user,
                employees[user],
                day,
                hours,
                task,
            )
            if billable:
                row += (is_billable, "unbilled" if is_billable else "not_billable")
            values.append(row)
        ids += clone(cr, "account_analytic_line", template.id, columns, values)
    cr.execute("DELETE FROM account_analytic_line WHERE id = %s", [template.id])
    return ids


def write_deadlines(env, firm, users, matter_ids):
    """Deadlines on matters, without activities or calendar events."""
    cr = env.cr
    plans = firm.matters
    template = env["law.deadline"].create(
        {
            "name": "Generated",
            "matter_id": matter_ids[0],
            "amount": 1,
            "unit": "weeks",
            "trigger_date": TODAY,
        }
    )
    ids = []
    rows = firm.deadlines()
    columns = (
        "matter_id",
        "user_id",
        "name",
        "amount",
        "unit",
        "trigger_date",
        "computed_date",
        "date_deadline",
        "state",
        "next_reminder_date",
        "calculation",
        "activity_id",
        "calendar_event_id",
    )
    for batch in batches(rows):
        values = [
            (
                matter_ids[index],
                users.ids[plans[index][2]],
                name,
                amount,
                unit,
                trigger,
                due,
                due,
                state,
                reminder,
                None,
                None,
                None,
            )
            for index, name, amount, unit, trigger, due, state, reminder in batch
        ]
        ids += clone(cr, "law_deadline", template.id, columns, values)
    template.unlink()
    return ids


def database_size(cr):
    cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
    return cr.fetchone()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("database")
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    odoo_src = "/opt/odoo"
    if odoo_src not in sys.path:
        sys.path.insert(0, odoo_src)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", str(root / ".odoo.conf"), "-d", args.database])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        found = existing(env)
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if not cr.fetchone():
            sys.exit(f"{args.database} has no pg_trgm extension: let Odoo create the database")
        if found:
            print(
                f"{args.database} already holds a generated firm ({found:,} contacts); left alone"
            )
        else:
            print(f"generating the {args.scale} firm, seed {args.seed}, into {args.database}")
            generate(env, args.scale, args.seed)
            cr.commit()
        print(f"database size: {database_size(cr)}")


if __name__ == "__main__":
    main()
