from odoo import models


class Base(models.AbstractModel):
    """Export only what may be read.

    Found by the need-to-know tests: in Odoo 19 an administrator could
    ``export_data`` the body of a ``mail.message`` on a matter it is walled off
    from, by id, although ``read`` on the same message is refused. Checking
    read access first closes that path for every model at the cost of one
    access check per export.
    """

    _inherit = "base"

    def export_data(self, fields_to_export):
        self.check_access("read")
        return super().export_data(fields_to_export)
