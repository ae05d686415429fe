import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import zipfile
from collections import Counter, defaultdict

from markupsafe import escape

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, escape_psql, html2plaintext

_logger = logging.getLogger(__name__)

# The email fields Odoo's privacy_lookup searches on every model.
EMAIL_FIELDS = ("email_normalized", "email", "email_from", "company_email")
# Records hanging off any discovered record, found by their (model, id) link.
CHILD_LINKS = {
    "mail.message": ("model", "res_id"),
    "mail.activity": ("res_model", "res_id"),
    "ir.attachment": ("res_model", "res_id"),
}
# Field types that are not data about the person (or are streamed as files).
SKIPPED_TYPES = ("binary", "one2many", "properties", "properties_definition", "image")
# Credentials and technical keys are never handed out.
SECRET_FIELD = re.compile(r"token|password|secret|signature|store_fname|checksum")
BATCH = 500
# What a user may say when asking for an export; everything else is the run's.
CREATE_FIELDS = ("partner_id", "request_id", "company_id")
CHUNK = 1 << 20


class LawGdprExport(models.Model):
    """One access/portability export of a person (GDPR Art. 15 and 20), and its log.

    Everything the firm holds about the person is *discovered*, not listed:
    every stored many2one/many2many to ``res.partner`` and every email field
    of every model (the rules of Odoo's ``privacy_lookup``, with its list of
    technical models to leave out), plus the messages, activities and
    attachments of each record found. A new model or a new record therefore
    appears in the next export without anyone keeping a list.

    Records that belong to a matter whose client is someone else (another
    client's file that merely mentions the person) are listed here for the
    DPO's review and left out of the archive. The archive (a zip with
    ``data.json``, ``report.html`` and the attachments) is written to disk in
    batches and moved into the filestore, never held in memory. Export records
    cannot be changed or deleted through the ORM by anyone: they are the log.
    """

    _name = "law.gdpr.export"
    _description = "Personal Data Export"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    request_id = fields.Many2one("law.gdpr.request", index=True, ondelete="restrict")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        index=True,
    )
    date_done = fields.Datetime(string="Finished At")
    attachment_id = fields.Many2one("ir.attachment", string="Archive")
    record_count = fields.Integer(string="Records")
    message_count = fields.Integer(string="Messages")
    attachment_count = fields.Integer(string="Attachments")
    model_summary = fields.Text(string="Exported per Model")
    review_count = fields.Integer(string="Listed for Review")
    review_summary = fields.Text(
        string="For Review",
        help="Records in other clients' matters that mention the person. They are not "
        "in the archive: decide what, if anything, to disclose (Art. 15(4)).",
    )
    error = fields.Text()

    @api.depends("partner_id", "create_date")
    def _compute_display_name(self):
        for export in self:
            export.display_name = self.env._(
                "Export of %(person)s", person=export.partner_id.display_name
            )

    @api.model_create_multi
    def create(self, vals_list):
        # The log says who asked, for whom; its results come only from the run.
        vals_list = [
            {
                **{
                    key: vals[key]
                    for key in ("partner_id", "request_id", "company_id")
                    if key in vals
                },
                "user_id": self.env.uid,
            }
            for vals in vals_list
        ]
        exports = super().create(vals_list)
        self.env.ref("law_crm_gdpr.ir_cron_law_gdpr_export")._trigger()
        return exports

    def write(self, vals):
        if not self.env.context.get("law_gdpr_export_result"):
            raise UserError(self.env._("An export is a log entry: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("An export is a log entry: it cannot be deleted."))

    def action_download(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("The export has not run yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

    def action_run_now(self):
        """Run a queued export in this request (small persons; the cron does the rest)."""
        self.filtered(lambda e: e.state == "queued")._run_export()

    # -- Running --------------------------------------------------------------

    @api.model
    def _cron_run_exports(self):
        exports = self.search([("state", "=", "queued")])
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(exports))
        for export in exports:
            export._run_export()
            if not cron._commit_progress(1):
                break

    def _set_result(self, vals):
        # sudo: nobody has write access to exports (they are the log); only
        # the run itself fills in its own results.
        return self.sudo().with_context(law_gdpr_export_result=True).write(vals)

    def _run_export(self):
        for export in self:
            try:
                with self.env.cr.savepoint():
                    export._set_result(export._build_archive())
                    self.env["law.gdpr.log"]._append("export", export, request=export.request_id)
            except Exception as error:
                _logger.exception("GDPR export %s failed", export.id)
                export._set_result({"state": "failed", "error": str(error)})

    # -- Discovery ----------------------------------------------------------------

    @api.model
    def _reference_fields(self):
        """{model: [(field, kind)]} of every field that can point at a person.

        kind is "m2o", "m2m" or "email". Models that privacy_lookup leaves out
        as technical (followers, notifications, users...) are left out here
        too, except mail.message, which is read like any other model.
        """
        skipped = set(self.env["privacy.lookup.wizard"]._get_query_models_blacklist())
        skipped = (skipped - {"mail.message", "res.partner"}) | {self._name}
        references = {}
        for model_name in self.env.registry:
            model = self.env[model_name]
            if model._abstract or model._transient or not model._auto or model_name in skipped:
                continue
            fields_ = [
                (name, "m2o" if field.type == "many2one" else "m2m")
                for name, field in model._fields.items()
                if field.store
                and field.comodel_name == "res.partner"
                and field.type in ("many2one", "many2many")
            ]
            fields_ += [
                (name, "email")
                for name in EMAIL_FIELDS
                if name in model._fields
                and model._fields[name].store
                and model._fields[name].type == "char"
            ]
            if fields_:
                references[model_name] = fields_
        return references

    def _reference_domain(self, fields_):
        partner = self.partner_id
        email = (partner.email or "").strip()
        normalized = tools.email_normalize(email) if email else False
        parts = []
        for name, kind in fields_:
            if kind == "m2o":
                parts.append(Domain(name, "=", partner.id))
            elif kind == "m2m":
                parts.append(Domain(name, "in", partner.ids))
            elif normalized and name == "email_normalized":
                parts.append(Domain(name, "=", normalized))
            elif normalized:
                # The address alone or as "Name <address>" (privacy_lookup's
                # fields), but not an address that merely contains it.
                escaped = escape_psql(normalized)
                parts.append(Domain(name, "=ilike", escaped))
                parts.append(Domain(name, "=ilike", f"%<{escaped}>%"))
        return Domain.OR(parts) if parts else Domain.FALSE

    def _discover(self):
        """{model: sorted ids} of everything held about the person.

        Runs as superuser: the DPO's export must see past need-to-know (Art.
        15); only compliance officers can create an export, and what is found
        goes into their archive or their review list, nothing else.
        """
        self.ensure_one()
        env = self.sudo().with_context(active_test=False).env
        found = defaultdict(set)
        for model_name, fields_ in self._reference_fields().items():
            query = env[model_name]._search(self._reference_domain(fields_))
            found[model_name].update(row[0] for row in env.execute_query(query.select()))
        found["res.partner"].discard(self.partner_id.id)
        self._add_children(env, found, self.partner_id.ids)
        return {model: sorted(ids) for model, ids in found.items() if ids}

    @api.model
    def _add_children(self, env, found, partner_ids):
        """Add to ``found`` ({model: set of ids}) the messages, activities and
        attachments of every record in it and of the persons ``partner_ids``,
        and the files attached to the messages found."""
        parents = [(model, ids) for model, ids in found.items() if model not in CHILD_LINKS]
        parents.append(("res.partner", set(partner_ids)))
        for child, (model_field, id_field) in CHILD_LINKS.items():
            for parent, ids in parents:
                if not ids:
                    continue
                query = env[child]._search(
                    Domain(model_field, "=", parent) & Domain(id_field, "in", list(ids))
                )
                found[child].update(row[0] for row in env.execute_query(query.select()))
        # Files attached to the person's messages, wherever they were posted.
        message_ids = list(found.get("mail.message", ()))
        for start in range(0, len(message_ids), BATCH * 10):
            rows = env.execute_query(
                SQL(
                    "SELECT attachment_id FROM message_attachment_rel WHERE message_id = ANY(%s)",
                    message_ids[start : start + BATCH * 10],
                )
            )
            found["ir.attachment"].update(row[0] for row in rows)

    # -- Review: other clients' files ------------------------------------------

    @staticmethod
    def _document_link(model):
        """The (model field, id field) by which ``model`` hangs off any document."""
        for model_field in ("res_model", "model"):
            if model_field in model._fields and "res_id" in model._fields:
                return model_field, "res_id"
        return None

    def _matters_of(self, model_name, ids):
        """{id: matter or None} for records that belong to a matter.

        A matter itself; a record with a many2one to a matter (``matter_id``,
        a task's ``project_id``); a record hanging off a document (messages,
        mails, activities, attachments: ``res_model``/``model`` + ``res_id``)
        takes the matter of that document.
        """
        env = self.sudo().with_context(active_test=False).env
        records = env[model_name].browse(ids)
        if model_name == "project.project":
            return {r.id: r if r.is_matter else None for r in records}
        for name in ("matter_id", "project_id"):
            field = records._fields.get(name)
            if field and field.type == "many2one" and field.comodel_name == "project.project":
                return {r.id: r[name] if r[name].is_matter else None for r in records}
        link = self._document_link(records)
        if not link:
            return {}
        model_field, id_field = link
        by_parent = defaultdict(list)
        for row in records.read([model_field, id_field], load=None):
            parent = row[model_field]
            if parent and row[id_field] and parent in env and parent != model_name:
                by_parent[parent].append((row["id"], row[id_field]))
        result = {}
        for parent, pairs in by_parent.items():
            parent_matters = self._matters_of(parent, [p for _i, p in pairs])
            result.update({i: parent_matters.get(p) for i, p in pairs})
        return result

    def _split_for_review(self, found):
        """Take records of other clients' matters out of ``found``.

        Returns {matter: Counter(model description)} of what was taken out.
        """
        review = defaultdict(Counter)
        for model_name, ids in list(found.items()):
            keep = []
            for start in range(0, len(ids), BATCH * 10):
                batch = ids[start : start + BATCH * 10]
                matters = self._matters_of(model_name, batch)
                for record_id in batch:
                    matter = matters.get(record_id)
                    if matter and matter.partner_id != self.partner_id:
                        review[matter][self.env[model_name]._description] += 1
                    else:
                        keep.append(record_id)
                self.env.invalidate_all(flush=False)
            found[model_name] = keep
        return review

    def _review_text(self, review):
        lines = []
        for matter, counts in sorted(review.items(), key=lambda item: item[0].id):
            what = ", ".join(f"{label}: {count}" for label, count in sorted(counts.items()))
            confidential = (
                self.env._(" (confidential matter)")
                if matter.confidentiality == "confidential"
                else ""
            )
            lines.append(f"{matter.matter_number or matter.id}{confidential} – {what}")
        return "\n".join(lines)

    # -- Writing -------------------------------------------------------------------

    @api.model
    def _exported_fields(self, model):
        technical = set(models.MAGIC_COLUMNS) - {"create_date", "write_date"}
        return [
            name
            for name, field in model._fields.items()
            if field.store
            and field.type not in SKIPPED_TYPES
            and not SECRET_FIELD.search(name)
            and name not in technical
        ]

    def _rows(self, model_name, ids):
        """(record id, display name, {field: value}) of the records, in batches."""
        env = self.sudo().with_context(active_test=False).env
        model = env[model_name]
        names = self._exported_fields(model)
        for start in range(0, len(ids), BATCH):
            records = model.browse(ids[start : start + BATCH])
            for row in records.read(["display_name", *names]):
                values = {}
                for name in names:
                    value = row[name]
                    field = model._fields[name]
                    if field.type == "many2one":
                        value = value[1] if value else None
                    elif field.type == "html" and value:
                        value = html2plaintext(value)
                    elif value is False and field.type != "boolean":
                        value = None
                    values[name] = value
                yield row["id"], row["display_name"], values
            # Bounded memory: forget the batch before reading the next one.
            env.invalidate_all(flush=False)

    def _write_files(self, directory, found):
        """Write data.json and report.html; return the counts for the log.

        The HTML report is in the person's language where the firm has it.
        """
        person = next(self._rows("res.partner", self.partner_id.ids))
        generated = fields.Datetime.now().isoformat()
        reader = self.with_context(lang=self.partner_id.lang or self.env.lang)
        env = self.sudo().env
        counts = Counter()
        json_path = os.path.join(directory, "data.json")
        html_path = os.path.join(directory, "report.html")
        with (
            open(json_path, "w", encoding="utf-8") as js,
            open(html_path, "w", encoding="utf-8") as html,
        ):
            title = reader.env._("Personal data held about %(person)s", person=person[1])
            head = {"generated_at": generated, "controller": self.company_id.name}
            js.write(json.dumps(head)[:-1])
            js.write(', "person": ')
            js.write(json.dumps(person[2], default=str, ensure_ascii=False))
            js.write(', "records": [')
            html.write(
                f'<!DOCTYPE html><html><head><meta charset="utf-8"/><title>{escape(title)}'
                f"</title></head><body><h1>{escape(title)}</h1>"
                f"<p>{escape(self.company_id.name)} – {escape(generated)}</p>"
            )
            reader._write_html_record(html, env["res.partner"], person[1], person[2])
            first = True
            for model_name in sorted(found):
                model = env[model_name]
                ids = found[model_name]
                if not ids:
                    continue
                label = reader.env["ir.model"]._get(model_name).name
                html.write(f"<h2>{escape(label)} ({len(ids)})</h2>")
                for record_id, name, values in self._rows(model_name, ids):
                    entry = {"model": model_name, "id": record_id, "name": name, "data": values}
                    if model_name == "ir.attachment":
                        entry["file"] = self._archive_name(record_id, values.get("name"))
                    line = json.dumps(entry, default=str, ensure_ascii=False)
                    js.write(("" if first else ",\n") + line)
                    first = False
                    reader._write_html_record(html, model, name, values, entry.get("file"))
                    counts[model_name] += 1
            js.write("]}\n")
            html.write("</body></html>\n")
        return counts

    def _write_html_record(self, html, model, name, values, file=None):
        html.write(f"<section><h3>{escape(name or '')}</h3><dl>")
        for field_name, value in values.items():
            if value in (None, "", []):
                continue
            field = model._fields[field_name]
            shown = value
            if field.type == "selection":
                shown = dict(field._description_selection(self.env)).get(value, value)
            label = field._description_string(self.env)
            html.write(f"<dt>{escape(label)}</dt><dd>{escape(str(shown))}</dd>")
        if file:
            file_label = self.env._("File")
            html.write(
                f'<dt>{escape(file_label)}</dt><dd><a href="{escape(file)}">{escape(file)}</a></dd>'
            )
        html.write("</dl></section>\n")

    @staticmethod
    def _archive_name(attachment_id, name):
        safe = re.sub(r"[^\w.\- ]+", "_", name or "file")[:100]
        return f"attachments/{attachment_id}-{safe}"

    def _write_attachments(self, archive, ids):
        attachments = self.sudo().env["ir.attachment"]
        for start in range(0, len(ids), BATCH):
            for attachment in attachments.browse(ids[start : start + BATCH]):
                if attachment.type != "binary":
                    continue
                arcname = self._archive_name(attachment.id, attachment.name)
                if attachment.store_fname:
                    path = attachments._full_path(attachment.store_fname)
                    if os.path.isfile(path):
                        archive.write(path, arcname)
                else:
                    archive.writestr(arcname, attachment.raw or b"")
            attachments.env.invalidate_all(flush=False)

    def _build_archive(self):
        self.ensure_one()
        found = self._discover()
        review = self._split_for_review(found)
        with tempfile.TemporaryDirectory(prefix="law_gdpr_export_") as directory:
            counts = self._write_files(directory, found)
            zip_path = os.path.join(directory, "export.zip")
            with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(os.path.join(directory, "data.json"), "data.json")
                archive.write(os.path.join(directory, "report.html"), "report.html")
                self._write_attachments(archive, found.get("ir.attachment", []))
            attachment = self._store_archive(zip_path)
        env = self.env
        summary = "\n".join(
            f"{env[model]._description}: {count}" for model, count in sorted(counts.items())
        )
        return {
            "state": "done",
            "date_done": fields.Datetime.now(),
            "attachment_id": attachment.id,
            "record_count": sum(counts.values()),
            "message_count": counts["mail.message"],
            "attachment_count": counts["ir.attachment"],
            "model_summary": summary,
            "review_count": sum(sum(c.values()) for c in review.values()),
            "review_summary": self._review_text(review),
            "error": False,
        }

    def _store_archive(self, path):
        """Move the finished zip into the filestore without reading it into memory."""
        # sudo: the attachment belongs to this export, whose rules (compliance
        # only) then govern who can download it.
        attachments = self.env["ir.attachment"].sudo()
        name = f"gdpr-export-{self.id}.zip"
        vals = {
            "name": name,
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/zip",
        }
        if attachments._storage() != "file":
            with open(path, "rb") as archive:
                return attachments.create(dict(vals, raw=archive.read()))
        sha, size = hashlib.sha1(), 0
        with open(path, "rb") as archive:
            while chunk := archive.read(CHUNK):
                sha.update(chunk)
                size += len(chunk)
        checksum = sha.hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        full_path = attachments._full_path(fname)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        if not os.path.exists(full_path):
            shutil.move(path, full_path)
            # Collected by the filestore GC if this transaction rolls back.
            attachments._mark_for_gc(fname)
        attachment = attachments.create(vals)
        # ir.attachment computes these from content it holds in memory; here
        # the content is already in the filestore, so they are set directly.
        self.env.cr.execute(
            SQL(
                "UPDATE ir_attachment SET store_fname = %s, file_size = %s, checksum = %s, "
                "db_datas = NULL WHERE id = %s",
                fname,
                size,
                checksum,
                attachment.id,
            )
        )
        attachment.invalidate_recordset()
        return attachment
