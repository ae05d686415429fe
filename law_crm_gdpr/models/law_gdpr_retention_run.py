from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL


class LawGdprRetentionRun(models.Model):
    """One run of a retention policy: the records due when it opened, then
    worked through in committed batches.

    The due records are fixed as items when the run opens; each batch locks
    its pending items (``FOR NO KEY UPDATE SKIP LOCKED``, so two cron workers
    never take the same ones), acts, marks them done and logs, in the same
    transaction. A crash rolls back the whole batch, so the next run resumes
    with exactly the items not yet done. A run of a policy that needs approval
    waits until a compliance officer approves it, or rejects it with a reason.
    """

    _name = "law.gdpr.retention.run"
    _description = "Retention Run"
    _order = "id desc"

    policy_id = fields.Many2one(
        "law.gdpr.retention.policy", required=True, index=True, ondelete="restrict", readonly=True
    )
    action = fields.Selection(related="policy_id.action")
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    state = fields.Selection(
        [
            ("to_approve", "Waiting for Approval"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("rejected", "Rejected"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    opened_at = fields.Datetime(readonly=True, default=fields.Datetime.now)
    item_ids = fields.One2many("law.gdpr.retention.item", "run_id", string="Records")
    item_count = fields.Integer(string="Due", readonly=True)
    done_count = fields.Integer(string="Processed", compute="_compute_done_count")
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(readonly=True)
    rejection_reason = fields.Text()

    @api.depends("item_ids.state")
    def _compute_done_count(self):
        for run in self:
            run.done_count = len(run.item_ids.filtered(lambda i: i.state != "pending"))

    @api.model
    def _open(self, policy):
        """A run with the records ``policy`` finds due now, unless there are none.
        Records rejected in an earlier run of the policy are not proposed again."""
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT i.res_id FROM law_gdpr_retention_item i "
                "JOIN law_gdpr_retention_run r ON r.id = i.run_id "
                "WHERE r.policy_id = %s AND r.state = 'rejected'",
                policy.id,
            )
        )
        rejected = {row[0] for row in self.env.cr.fetchall()}
        ids = [rid for rid in policy._due_records().ids if rid not in rejected]
        if not ids:
            return self
        run = self.create(
            {
                "policy_id": policy.id,
                "state": "to_approve" if policy.needs_approval else "approved",
                "item_count": len(ids),
            }
        )
        self.env["law.gdpr.retention.item"].create(
            [{"run_id": run.id, "res_id": rid} for rid in ids]
        )
        return run

    def action_approve(self):
        for run in self:
            run._check_to_approve()
            run.write(
                {
                    "state": "approved",
                    "decided_by_id": self.env.uid,
                    "decided_at": fields.Datetime.now(),
                }
            )
            self.env["law.gdpr.log"]._append(
                "retention_approved", count=run.item_count, policy=run.policy_id
            )
        self.env.ref("law_crm_gdpr.ir_cron_law_gdpr_retention")._trigger()
        return True

    def action_reject(self):
        for run in self:
            run._check_to_approve()
            if not (run.rejection_reason or "").strip():
                raise UserError(self.env._("Say why the run is rejected before rejecting it."))
            run.write(
                {
                    "state": "rejected",
                    "decided_by_id": self.env.uid,
                    "decided_at": fields.Datetime.now(),
                }
            )
            self.env["law.gdpr.log"]._append(
                "retention_rejected", count=run.item_count, policy=run.policy_id
            )
        return True

    def _check_to_approve(self):
        if self.state != "to_approve":
            raise UserError(
                self.env._("Only a run waiting for approval can be approved or rejected.")
            )

    def _work(self, cron):
        """Act on the pending items batch by batch; False when out of time."""
        self.ensure_one()
        policy = self.policy_id
        Item = self.env["law.gdpr.retention.item"]
        while True:
            self.env.cr.execute(
                SQL(
                    "SELECT id, res_id FROM law_gdpr_retention_item "
                    "WHERE run_id = %s AND state = 'pending' ORDER BY id LIMIT %s "
                    "FOR NO KEY UPDATE SKIP LOCKED",
                    self.id,
                    policy.batch_size,
                )
            )
            rows = self.env.cr.fetchall()
            if not rows:
                break
            # Still due now (a hold placed or a matter reopened since the run
            # opened takes the record out). sudo: the cron acts firm-wide.
            records = (
                self.env[policy.model_name]
                .sudo()
                .search(policy._due_domain() & Domain("id", "in", [row[1] for row in rows]))
            )
            if records:
                policy._act(records)
                self.env["law.gdpr.log"]._append(
                    f"retention_{policy.action}", records, policy=policy
                )
            acted = set(records.ids)
            Item.browse([row[0] for row in rows if row[1] in acted]).write({"state": "done"})
            Item.browse([row[0] for row in rows if row[1] not in acted]).write({"state": "skipped"})
            remaining = Item.search_count([("run_id", "=", self.id), ("state", "=", "pending")])
            if not remaining:
                self.state = "done"
            if not cron._commit_progress(len(rows), remaining=remaining):
                return False
        self.state = "done"
        return True
