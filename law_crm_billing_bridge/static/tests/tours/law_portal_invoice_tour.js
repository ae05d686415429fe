import { registry } from "@web/core/registry";

// A client reads an invoice of its matter from the matter's portal page:
// Odoo's own invoice page, with the invoice itself in the page's frame.
registry.category("web_tour.tours").add("law_crm_portal_invoice_tour", {
    steps: () => [
        {
            content: "The matter's client funds balance is shown",
            trigger: ".o_law_portal_fund_balance",
        },
        {
            content: "Open the matter's invoice",
            trigger: ".o_law_portal_invoice",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The invoice shows the work billed",
            trigger: ":iframe :contains('Lease dispute: legal work')",
        },
    ],
});
