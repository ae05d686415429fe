import logging
import os
import re
from collections import defaultdict

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

from .law_gdpr_export import CHILD_LINKS

_logger = logging.getLogger(__name__)

# What replaces the person's data in text that stays (another client's file,
# a message that mentions them). Not translated: it is stored data.
PLACEHOLDER = "[anonymised]"
# The person's own fields that identify them in other records' text.
IDENTIFYING_FIELDS = (
    "name",
    "complete_name",
    "email",
    "email_normalized",
    "phone",
    "mobile",
    "street",
    "vat",
    "national_id_number",
)
# What a kept invoice needs of its buyer (bokføringsforskriften § 5-1-1: name
# and address, or organisation number): kept on the person until its date.
BOOKKEEPING_FIELDS = frozenset(
    {"name", "complete_name", "street", "street2", "zip", "city", "state_id", "country_id", "vat"}
)
# Every field of the person: a file kept whole (legal hold, own case file)
# keeps the person as they are, restricted, so that it can be erased later.
ALL_FIELDS = frozenset({"*"})
# Stored text of a person that is not about them (or is needed to run Odoo).
TECHNICAL_PARTNER_FIELDS = frozenset(
    {"lang", "tz", "type", "parent_path", "client_number", "law_gdpr_restriction_reason"}
)
# Address links cleared with the person's text, unless kept for bookkeeping.
PARTNER_LINKS = ("state_id", "country_id", "title", "industry_id")
# Terms shorter than this would match ordinary words.
MIN_TERM = 4
# Text column types scrubbed, by their PostgreSQL type.
TEXT_COLUMN_TYPES = ("text", "character varying", "jsonb")


class LawGdprAnonymiser(models.AbstractModel):
    """Anonymisation of persons everywhere their data lives (GDPR Art. 17).

    Set-based: for a batch of persons it finds their records with the
    export's discovery (many2one/many2many/email fields of every model, plus
    messages, activities and files hanging off them), then works per model
    with one SQL statement each:

    - deletes what is only theirs: files on the person or on their messages
      (and the filestore file when no other attachment uses it), messages and
      activities on the person, other names, bank accounts, followers,
      notifications, aliases, export archives, due-diligence records (when
      not kept), bus notifications naming them;
    - empties the bodies and sender addresses of messages they wrote;
    - replaces their identifying data (name, email, phone, street, tax and
      national identity number, other names) by a placeholder in every text
      column of every other record found: other clients' files, messages
      that mention them, tracking values, correspondence, activities, events;
    - blanks the person's own fields, keeping only ``keep_fields`` (what a
      record kept under a statutory duty needs, e.g. an invoice's buyer).

    Records in ``kept`` are left as they are, except that identifying data
    they do not need (``keep_fields``) is removed from them too. Each step is
    written to the GDPR log with the model and the number of records, never
    the data itself. Runs as superuser: callers are the compliance officer's
    erasure plan and the retention cron, both compliance-only.
    """

    _name = "law.gdpr.anonymiser"
    _description = "Personal Data Anonymiser"

    # -- Finding ------------------------------------------------------------------

    @api.model
    def _discover_many(self, partners):
        """{model: set of ids} of the records of all ``partners`` at once: the
        export's discovery by exact reference and exact email address."""
        env = self.sudo().with_context(active_test=False).env
        Export = env["law.gdpr.export"]
        emails = sorted(
            {
                row["email_normalized"]
                for row in partners.sudo()
                .with_context(active_test=False)
                .read(["email_normalized"])
                if row["email_normalized"]
            }
        )
        found = defaultdict(set)
        for model_name, fields_ in Export._reference_fields().items():
            parts = []
            for name, kind in fields_:
                if kind in {"m2o", "m2m"}:
                    parts.append(Domain(name, "in", partners.ids))
                elif emails:
                    parts.append(Domain(name, "in", emails))
            if not parts:
                continue
            query = env[model_name]._search(Domain.OR(parts))
            found[model_name].update(row[0] for row in env.execute_query(query.select()))
        found["res.partner"].difference_update(partners.ids)
        Export._add_children(env, found, partners.ids)
        # In bulk, only what hangs off the persons' own records is searched
        # for mentions: the records of every matter they are party to would
        # be read again for every batch.
        for model_name, ids in self._mentions(partners, found, matter_records=False).items():
            found[model_name].update(ids)
        return found

    @api.model
    def _mentions(self, partners, found, matter_records=True):
        """{model: set of ids} of records that name the persons in their text
        only (no link to them), near what was found: the messages, activities
        and files of every record found and of every matter the persons are
        client or party of, and the records of those matters (correspondence,
        tasks, deadlines...) unless ``matter_records`` is False."""
        env = self.sudo().with_context(active_test=False).env
        terms = self._terms(partners)
        if not terms:
            return {}
        found_terms = terms
        matters = set(found.get("project.project", ()))
        if found.get("law.matter.party"):
            rows = env.execute_query(
                SQL(
                    "SELECT DISTINCT matter_id FROM law_matter_party WHERE id = ANY(%s)",
                    sorted(found["law.matter.party"]),
                )
            )
            matters.update(row[0] for row in rows)
        # Not the persons' own records: what hangs off them is deleted whole.
        parents = {model: set(ids) for model, ids in found.items() if ids}
        parents.setdefault("project.project", set()).update(matters)
        parents["res.partner"] = parents.get("res.partner", set()) - set(partners.ids)
        result = defaultdict(set)

        def matching(model, condition):
            columns = self._text_columns(model)
            if not columns:
                return []
            texts = SQL(" OR ").join(
                self._matches(SQL.identifier(column), found_terms) for column in columns
            )
            # The link narrows the rows first (by index); the regular
            # expression of all the terms only then looks at those.
            table = SQL.identifier(model._table)
            near = [
                row[0]
                for row in env.execute_query(SQL("SELECT id FROM %s WHERE %s", table, condition))
            ]
            if not near:
                return []
            rows = env.execute_query(
                SQL("SELECT id FROM %s WHERE id = ANY(%s) AND (%s)", table, near, texts)
            )
            return [row[0] for row in rows]

        for child, (model_field, id_field) in CHILD_LINKS.items():
            for parent, ids in parents.items():
                if parent == child:
                    continue
                condition = SQL(
                    "%s = %s AND %s = ANY(%s)",
                    SQL.identifier(model_field),
                    parent,
                    SQL.identifier(id_field),
                    sorted(ids),
                )
                result[child].update(matching(env[child], condition))
        if matters and matter_records:
            for model_name in env.registry:
                model = env[model_name]
                if model._abstract or model._transient or not model._auto:
                    continue
                for name in ("matter_id", "project_id"):
                    field = model._fields.get(name)
                    if (
                        field
                        and field.store
                        and field.type == "many2one"
                        and field.comodel_name == "project.project"
                    ):
                        condition = SQL("%s = ANY(%s)", SQL.identifier(name), sorted(matters))
                        result[model_name].update(matching(model, condition))
        return {model: ids for model, ids in result.items() if ids}

    @api.model
    def _anonymise_partners(self, partners, policy=None):
        """Anonymise ``partners`` entirely (a retention policy's action)."""
        found = self._discover_many(partners)
        return self._anonymise(partners, found, policy=policy)

    # -- Terms ------------------------------------------------------------------

    @api.model
    def _terms(self, partners, exclude_fields=frozenset()):
        """The strings that identify ``partners``, except those of ``exclude_fields``."""
        if "*" in exclude_fields:
            return []
        partners = partners.sudo().with_context(active_test=False)
        names = [f for f in IDENTIFYING_FIELDS if f in partners._fields and f not in exclude_fields]
        terms = set()
        for row in partners.read(names, load=None):
            for name in names:
                value = row.get(name)
                if isinstance(value, str):
                    terms.add(value.strip())
                    if name in ("phone", "mobile"):
                        terms.add(re.sub(r"[\s\-.]", "", value))
        if "other_name_ids" in partners._fields and "name" not in exclude_fields:
            terms.update(n.strip() for n in partners.other_name_ids.mapped("name"))
        terms = sorted((t for t in terms if len(t) >= MIN_TERM), key=len, reverse=True)
        return terms

    @staticmethod
    def _pattern(terms):
        """A PostgreSQL regular expression (ARE) matching any of ``terms``."""
        return "|".join(re.sub(r"([^\w\s])", r"\\\1", term) for term in terms)

    @classmethod
    def _matches(cls, column, terms):
        """SQL: ``column`` contains one of ``terms``, whatever the case.

        Written as textregexeq(lower(text), lowercase pattern), not ``~*``: a
        case-insensitive pattern of the thousands of terms of a batch takes
        PostgreSQL seconds to compile (a case-sensitive one a tenth), and the
        operators make the planner compile it again to estimate selectivity
        for every query; the function is only evaluated on the rows. Only the
        rows found then pay for the case-insensitive replacement.
        """
        return SQL(
            "textregexeq(lower(%s::text), %s)", column, cls._pattern([t.lower() for t in terms])
        )

    # -- Doing --------------------------------------------------------------------

    @api.model
    def _anonymise(
        self,
        partners,
        found,
        kept=None,
        keep_fields=frozenset(),
        minimised=None,
        request=None,
        policy=None,
    ):
        """Anonymise ``partners`` in ``found`` ({model: ids}), except ``kept``
        ({model: ids}) and the fields ``keep_fields`` of the persons. Records
        in ``minimised`` (kept ones) lose the identifying data that is not in
        ``keep_fields``.

        Returns {model: number of records changed or deleted}.
        """
        env = self.sudo().with_context(active_test=False).env
        env.flush_all()
        kept = {model: set(ids) for model, ids in (kept or {}).items()}
        scope = {
            model: sorted(set(ids) - kept.get(model, set()))
            for model, ids in found.items()
            if model in env
        }
        scope = {model: ids for model, ids in scope.items() if ids}
        pids = partners.ids
        terms = self._terms(partners)
        kept_terms = self._terms(partners, exclude_fields=keep_fields)
        deleted = defaultdict(list)
        changed = defaultdict(list)

        messages = self._add_message_copies(env, scope)

        # 1. What is only theirs goes.
        fnames = self._delete_own(env, partners, scope, kept, deleted)

        # 2. and 3. What they wrote and the notes about them on party lines.
        self._scrub_own_writing(env, scope, messages, pids, changed)

        # 4. Their data in every other record found, and what kept ones need not keep.
        for model_name, ids in scope.items():
            left = set(ids) - set(deleted.get(model_name, ()))
            if model_name == "res.partner":
                left -= set(pids)
            changed[model_name].extend(self._scrub(env, model_name, sorted(left), terms))
        if kept_terms:
            for model_name, ids in (minimised or {}).items():
                left = set(ids) - set(pids) if model_name == "res.partner" else set(ids)
                if model_name in env and left:
                    changed[model_name].extend(
                        self._scrub(env, model_name, sorted(left), kept_terms)
                    )
        if terms:
            env.cr.execute(
                SQL("DELETE FROM bus_bus WHERE %s", self._matches(SQL.identifier("message"), terms))
            )

        # 5. The person.
        self._blank_partners(env, partners, keep_fields)
        changed["res.partner"].extend(pids)

        env.invalidate_all()
        self._remove_files(env, fnames)

        return self._log_erasure(env, deleted, changed, request, policy)

    def _add_message_copies(self, env, scope):
        """Add to ``scope`` the tracking values and outgoing emails of its
        messages (each carries its own copy of the text); return the message ids."""
        messages = scope.get("mail.message", [])
        if messages:
            for model_name, table in (
                ("mail.tracking.value", "mail_tracking_value"),
                ("mail.mail", "mail_mail"),
            ):
                rows = env.execute_query(
                    SQL(
                        "SELECT id FROM %s WHERE mail_message_id = ANY(%s)",
                        SQL.identifier(table),
                        messages,
                    )
                )
                scope[model_name] = sorted(
                    set(scope.get(model_name, [])) | {row[0] for row in rows}
                )
        return messages

    def _scrub_own_writing(self, env, scope, messages, pids, changed):
        """Messages the persons wrote lose body and addresses; their party
        lines lose the note about them."""
        if messages:
            rows = env.execute_query(
                SQL(
                    "UPDATE mail_message SET body = '', email_from = NULL, reply_to = NULL "
                    "WHERE id = ANY(%s) AND author_id = ANY(%s) RETURNING id",
                    messages,
                    pids,
                )
            )
            changed["mail.message"].extend(row[0] for row in rows)
        if "law.matter.party" in scope:
            rows = env.execute_query(
                SQL(
                    "UPDATE law_matter_party SET note = NULL WHERE id = ANY(%s) "
                    "AND partner_id = ANY(%s) AND note IS NOT NULL RETURNING id",
                    scope["law.matter.party"],
                    pids,
                )
            )
            changed["law.matter.party"].extend(row[0] for row in rows)

    def _log_erasure(self, env, deleted, changed, request, policy):
        """One log entry per model deleted from and per model changed;
        return {model: number of records changed or deleted}."""
        counts = defaultdict(int)
        Log = env["law.gdpr.log"]
        for event, records in (("erasure_delete", deleted), ("erasure_anonymise", changed)):
            for model_name, ids in sorted(records.items()):
                unique = sorted(set(ids))
                if unique:
                    Log._append(
                        event, env[model_name].browse(unique), request=request, policy=policy
                    )
                    counts[model_name] += len(unique)
        return dict(counts)

    def _delete_own(self, env, partners, scope, kept, deleted):
        """Delete what belongs to the persons only; return the filestore names
        of the files deleted."""
        pids = partners.ids
        messages = scope.get("mail.message", [])

        def not_kept(model_name, ids):
            return sorted(set(ids) - kept.get(model_name, set()))

        # Files: on the person, on messages they wrote, export archives.
        attachment_ids = set()
        rows = env.execute_query(
            SQL(
                "SELECT id FROM ir_attachment WHERE res_model = 'res.partner' AND res_id = ANY(%s)",
                pids,
            )
        )
        attachment_ids.update(row[0] for row in rows)
        if messages:
            rows = env.execute_query(
                SQL(
                    "SELECT rel.attachment_id FROM message_attachment_rel rel "
                    "JOIN mail_message m ON m.id = rel.message_id "
                    "WHERE m.id = ANY(%s) AND m.author_id = ANY(%s)",
                    messages,
                    pids,
                )
            )
            attachment_ids.update(row[0] for row in rows)
        # Export archives of the persons (exports are not found by discovery).
        rows = env.execute_query(
            SQL(
                "SELECT a.id FROM ir_attachment a JOIN law_gdpr_export e ON e.id = a.res_id "
                "WHERE a.res_model = 'law.gdpr.export' AND e.partner_id = ANY(%s)",
                pids,
            )
        )
        attachment_ids.update(row[0] for row in rows)
        attachments = env["ir.attachment"].browse(not_kept("ir.attachment", attachment_ids))
        fnames = [f for f in attachments.mapped("store_fname") if f]
        if attachments:
            deleted["ir.attachment"].extend(attachments.ids)
            attachments.unlink()

        # Due-diligence records not kept (their messages go with them).
        kyc = env["law.kyc"].browse(scope.get("law.kyc", [])) if "law.kyc" in env else None
        if kyc:
            deleted["law.kyc"].extend(kyc.ids)
            kyc.unlink()

        # Bank accounts of the person.
        if "res.partner.bank" in env and scope.get("res.partner.bank"):
            banks = env["res.partner.bank"].search(
                [("id", "in", scope["res.partner.bank"]), ("partner_id", "in", pids)]
            )
            if banks:
                deleted["res.partner.bank"].extend(banks.ids)
                banks.unlink()

        # Rows of the person only, by SQL (nothing depends on them).
        simple = [
            ("law.partner.other.name", "law_partner_other_name", SQL("partner_id = ANY(%s)", pids)),
            ("mail.followers", "mail_followers", SQL("partner_id = ANY(%s)", pids)),
            (
                "mail.notification",
                "mail_notification",
                SQL(
                    "res_partner_id = ANY(%s) AND NOT mail_message_id = ANY(%s)",
                    pids,
                    sorted(kept.get("mail.message", ())),
                ),
            ),
            (
                "mail.message",
                "mail_message",
                SQL(
                    "model = 'res.partner' AND res_id = ANY(%s) AND NOT id = ANY(%s)",
                    pids,
                    sorted(kept.get("mail.message", ())),
                ),
            ),
            (
                "mail.activity",
                "mail_activity",
                SQL("res_model = 'res.partner' AND res_id = ANY(%s)", pids),
            ),
        ]
        for model_name, table, condition in simple:
            if model_name not in env:
                continue
            rows = env.execute_query(
                SQL("DELETE FROM %s WHERE %s RETURNING id", SQL.identifier(table), condition)
            )
            deleted[model_name].extend(row[0] for row in rows)

        # Aliases that deliver to the person's own record.
        partner_model = env["ir.model"]._get_id("res.partner")
        aliases = env["mail.alias"].search(
            Domain.OR(
                [
                    Domain("alias_model_id", "=", partner_model)
                    & Domain("alias_force_thread_id", "in", pids),
                    Domain("alias_parent_model_id", "=", partner_model)
                    & Domain("alias_parent_thread_id", "in", pids),
                ]
            )
        )
        if aliases:
            deleted["mail.alias"].extend(aliases.ids)
            aliases.unlink()
        return fnames

    @api.model
    def _text_columns(self, model):
        """Stored text/varchar/jsonb columns of ``model``'s table that hold values of
        char, text or html fields (translated ones as jsonb)."""
        return [
            name
            for name, field in model._fields.items()
            if field.store
            and field.column_type
            and field.type in ("char", "text", "html")
            and name not in ("id",)
        ]

    def _scrub(self, env, model_name, ids, terms):
        """Replace ``terms`` in the text columns of records ``ids``; return the ids changed."""
        model = env[model_name]
        columns = self._text_columns(model)
        if not (ids and terms and columns and model._auto):
            return []
        pattern = self._pattern(terms)
        sets, conditions = [], []
        for column in columns:
            field = model._fields[column]
            ident = SQL.identifier(column)
            if field.column_type[0] == "jsonb":
                value = SQL(
                    "regexp_replace(%s::text, %s, %s, 'gi')::jsonb", ident, pattern, PLACEHOLDER
                )
                conditions.append(self._matches(ident, terms))
            else:
                value = SQL("regexp_replace(%s, %s, %s, 'gi')", ident, pattern, PLACEHOLDER)
                conditions.append(self._matches(ident, terms))
            sets.append(SQL("%s = %s", ident, value))
        rows = env.execute_query(
            SQL(
                "UPDATE %s SET %s WHERE id = ANY(%s) AND (%s) RETURNING id",
                SQL.identifier(model._table),
                SQL(", ").join(sets),
                ids,
                SQL(" OR ").join(conditions),
            )
        )
        return [row[0] for row in rows]

    def _blank_partners(self, env, partners, keep_fields):
        """Empty the persons' own fields but ``keep_fields``; archive them when
        nothing is kept."""
        Partner = env["res.partner"]
        if "*" in keep_fields:
            return
        sets = []
        for name in self._text_columns(Partner):
            if name in keep_fields or name in TECHNICAL_PARTNER_FIELDS:
                continue
            if name in ("name", "complete_name"):
                sets.append(
                    SQL(
                        "%s = %s || ' ' || id",
                        SQL.identifier(name),
                        env._("Anonymised person"),
                    )
                )
            else:
                sets.append(SQL("%s = NULL", SQL.identifier(name)))
        for name in PARTNER_LINKS:
            if name in Partner._fields and name not in keep_fields:
                sets.append(SQL("%s = NULL", SQL.identifier(name)))
        if not keep_fields:
            sets.append(SQL("active = FALSE"))
        env.cr.execute(
            SQL(
                "UPDATE res_partner SET %s WHERE id = ANY(%s)",
                SQL(", ").join(sets),
                partners.ids,
            )
        )

    def _remove_files(self, env, fnames):
        """Remove from the filestore the files of deleted attachments that no
        other attachment uses, now, as the filestore GC would
        (``ir.attachment._gc_file_store_unsafe``) on its next run."""
        if not fnames:
            return
        Attachment = env["ir.attachment"]
        if Attachment._storage() != "file":
            return
        env.flush_all()
        # Same lock as Odoo's filestore GC: no attachment may start using
        # one of these files while we look.
        env.cr.execute(SQL("LOCK ir_attachment IN SHARE MODE"))
        rows = env.execute_query(
            SQL(
                "SELECT store_fname FROM ir_attachment WHERE store_fname = ANY(%s)",
                sorted(set(fnames)),
            )
        )
        used = {row[0] for row in rows}
        for fname in set(fnames) - used:
            path = Attachment._full_path(fname)
            try:
                os.unlink(path)
            except OSError:
                _logger.info("GDPR erasure could not remove %s", path, exc_info=True)
