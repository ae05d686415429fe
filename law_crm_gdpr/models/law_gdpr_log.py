from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..hashchain import GENESIS, entry_hash, first_break

LOG_EVENTS = [
    ("consent_given", "Consent Given"),
    ("consent_withdrawn", "Consent Withdrawn"),
    ("objection", "Objection Recorded"),
    ("export", "Personal Data Exported"),
    ("hold_placed", "Legal Hold Placed"),
    ("hold_released", "Legal Hold Released"),
    ("retention_approved", "Retention Run Approved"),
    ("retention_rejected", "Retention Run Rejected"),
    ("retention_archive", "Archived by Retention Policy"),
    ("retention_restrict", "Restricted by Retention Policy"),
    ("retention_delete", "Deleted by Retention Policy"),
    ("retention_anonymise", "Anonymised by Retention Policy"),
    ("erasure_planned", "Erasure Plan Computed"),
    ("erasure_executed", "Erasure Plan Executed"),
    ("erasure_anonymise", "Personal Data Anonymised"),
    ("erasure_delete", "Personal Data Deleted"),
    ("erasure_kept", "Kept Under Retention Duty or Hold"),
    ("restriction_set", "Processing Restricted"),
    ("restriction_lifted", "Restriction Lifted"),
    ("access_review_confirmed", "Access Confirmed in Access Review"),
    ("access_review_revoked", "Access Revoked in Access Review"),
    ("access_review_done", "Access Review Completed"),
]
# The columns an entry's hash covers, in the order they are inserted.
HASHED_COLUMNS = (
    "sequence",
    "logged_at",
    "user_id",
    "company_id",
    "event",
    "res_model",
    "record_count",
    "record_ids",
    "policy_id",
    "request_id",
    "hold_id",
)
# The chain's head: one row, outside the ORM (no model, so no RPC or ORM
# door to it), holding the last entry's sequence and hash.
HEAD_TABLE = "law_gdpr_log_head"
VERIFY_BATCH = 2000


class LawGdprLog(models.Model):
    """The append-only, hash-chained log of what was done to personal data.

    Who, when, which event, on how many records of which model, under which
    policy, request or hold: never the person's data itself (only record
    ids). Entries are written by ``_append`` alone, with SQL, moving the
    chain's head row in the same transaction so two workers never fork the
    chain; create, write and unlink are
    refused for everyone, superuser included. ``_first_break`` recomputes the
    chain: an entry changed or removed behind the ORM is found.
    """

    _name = "law.gdpr.log"
    _description = "GDPR Log Entry"
    _order = "sequence desc"
    _rec_name = "sequence"
    _log_access = False

    sequence = fields.Integer(required=True, readonly=True)
    logged_at = fields.Datetime(required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    event = fields.Selection(LOG_EVENTS, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", readonly=True)
    record_count = fields.Integer(string="Records", readonly=True)
    record_ids = fields.Text(string="Record Ids", readonly=True)
    policy_id = fields.Many2one("law.gdpr.retention.policy", readonly=True, index="btree_not_null")
    request_id = fields.Many2one("law.gdpr.request", readonly=True, index="btree_not_null")
    hold_id = fields.Many2one("law.gdpr.hold", readonly=True, index="btree_not_null")
    prev_hash = fields.Char(string="Previous Hash", required=True, readonly=True)
    hash = fields.Char(required=True, readonly=True)

    _sequence_unique = models.Constraint(
        "UNIQUE(sequence)", "Two log entries cannot share a sequence number: the chain forked."
    )

    # create and write refuse the ORM on purpose: there is no super() to call.
    # (pylint 4 reports this suppression as useless although removing it
    # raises W8106, hence the second name.)
    # pylint: disable=method-required-super,useless-suppression
    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # users without the right learn that first
        raise UserError(
            self.env._("The GDPR log is append-only: entries are written by the system.")
        )

    def write(self, vals):
        self.check_access("write")
        raise UserError(self.env._("The GDPR log is append-only: its entries cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The GDPR log is append-only: its entries cannot be deleted."))

    def init(self):
        """The head row, seeded from the last entry (databases logged before
        the head existed carry on from where their chain ends)."""
        self.env.cr.execute(
            SQL(
                "CREATE TABLE IF NOT EXISTS %(head)s (id integer PRIMARY KEY CHECK (id = 1), "
                "sequence integer NOT NULL, hash varchar NOT NULL); "
                "INSERT INTO %(head)s (id, sequence, hash) "
                "SELECT 1, COALESCE(MAX(sequence), 0), COALESCE("
                "(SELECT hash FROM law_gdpr_log ORDER BY sequence DESC LIMIT 1), %(genesis)s) "
                "FROM law_gdpr_log ON CONFLICT (id) DO NOTHING",
                head=SQL.identifier(HEAD_TABLE),
                genesis=GENESIS,
            )
        )

    @api.model
    def _append(self, event, records=None, count=None, policy=None, request=None, hold=None):
        """Chain one entry about ``records`` (or ``count`` records) and return it.

        Moving the head row first locks it until commit: appends of other
        workers wait. Odoo's transactions are REPEATABLE READ, so one that
        began before another append committed would read a stale last entry
        from the log itself and fork the chain; on the head row it gets a
        serialization failure instead, which Odoo's request and cron loops
        retry, and the retry chains onto the new head.
        """
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET sequence = sequence + 1 WHERE id = 1 RETURNING sequence, hash",
                SQL.identifier(HEAD_TABLE),
            )
        )
        sequence, prev_hash = self.env.cr.fetchone()
        content = {
            "sequence": sequence,
            "logged_at": fields.Datetime.to_string(fields.Datetime.now()),
            "user_id": self.env.uid,
            "company_id": self.env.company.id,
            "event": event,
            "res_model": records._name if records is not None else None,
            "record_count": len(records) if count is None else count,
            "record_ids": ",".join(map(str, records.ids)) if records is not None else None,
            "policy_id": policy.id if policy else None,
            "request_id": request.id if request else None,
            "hold_id": hold.id if hold else None,
        }
        digest = entry_hash(prev_hash, content)
        self.env.cr.execute(
            SQL("UPDATE %s SET hash = %s WHERE id = 1", SQL.identifier(HEAD_TABLE), digest)
        )
        columns = [*HASHED_COLUMNS, "prev_hash", "hash"]
        values = [content[column] for column in HASHED_COLUMNS] + [prev_hash, digest]
        self.env.cr.execute(
            SQL(
                "INSERT INTO law_gdpr_log (%s) VALUES %s RETURNING id",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                tuple(values),
            )
        )
        return self.browse(self.env.cr.fetchone()[0])

    @api.model
    def _first_break(self):
        """Sequence number of the first entry that fails verification, or None."""
        prev_hash, prev_sequence = GENESIS, 0
        while True:
            self.env.cr.execute(
                SQL(
                    "SELECT %s, prev_hash, hash FROM law_gdpr_log WHERE sequence > %s "
                    "ORDER BY sequence LIMIT %s",
                    SQL(", ").join(SQL.identifier(column) for column in HASHED_COLUMNS),
                    prev_sequence,
                    VERIFY_BATCH,
                )
            )
            rows = self.env.cr.fetchall()
            if not rows:
                return None
            entries = []
            for row in rows:
                content = dict(zip(HASHED_COLUMNS, row[: len(HASHED_COLUMNS)], strict=True))
                content["logged_at"] = fields.Datetime.to_string(content["logged_at"])
                entries.append((content["sequence"], row[-2], row[-1], content))
            broken = first_break(entries, prev_hash, prev_sequence)
            if broken is not None:
                return broken
            prev_sequence, _prev, prev_hash, _content = entries[-1]

    def action_verify_chain(self):
        """Recompute the whole chain and say whether it is intact."""
        broken = self._first_break()
        if broken is None:
            message = self.env._("The log is intact: every entry verifies against the chain.")
        else:
            message = self.env._(
                "The log was tampered with: entry %(sequence)s does not verify. "
                "Entries were changed or removed outside the application.",
                sequence=broken,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Log Verification"),
                "message": message,
                "type": "success" if broken is None else "danger",
                "sticky": broken is not None,
            },
        }
