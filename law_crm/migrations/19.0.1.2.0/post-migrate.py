"""Practice areas made before newsletters existed get their mailing list."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["law.practice.area"].with_context(active_test=False).search([])._law_ensure_mailing_list()
