"""Matters created before matter email existed get their ``sak-<number>`` alias."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    matters = (
        env["project.project"].with_context(active_test=False).search([("is_matter", "=", True)])
    )
    matters._sync_matter_alias()
