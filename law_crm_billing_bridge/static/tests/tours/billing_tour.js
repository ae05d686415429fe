/**
 * Time and billing (issue 12, flow 4), run by
 * law_crm_billing_bridge/tests/test_tour_billing.py, once in English and
 * once in bokmål: the lawyer Ingrid records her time for the day on a
 * matter; Per (billing) bills the matter and sees the draft invoice.
 * Triggers use field and button names; the only texts are demo data's.
 */
import { registry } from "@web/core/registry";
import { screenshot } from "@law_crm/../tests/tours/screenshot";

const tours = registry.category("web_tour.tours");
const WORK = "Witness statement for the arbitration";

tours.add("law_crm_billing_time", {
    steps: () => [
        {
            content: "My time this week: a new entry (today)",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name=project_id] input",
            run: "edit Fjord Shipping",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Fjord Shipping)",
            run: "click",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name=name] input",
            run: `edit ${WORK}`,
        },
        {
            content: "Two and a half hours",
            trigger: ".o_selected_row .o_field_widget[name=unit_amount] input",
            run: "edit 2:30",
        },
        {
            trigger: ".o_list_view .o_list_button_save",
            run: "click",
        },
        {
            content: "The entry is recorded, to bill",
            trigger: `.o_list_view:not(:has(.o_selected_row)) .o_data_row:contains("${WORK}") td[name=law_billing_state] .badge`,
        },
        screenshot("lawyer-time"),
    ],
});

tours.add("law_crm_billing_bill", {
    steps: () => [
        {
            content: "Bill the charter party arbitration",
            trigger: ".modal .o_field_widget[name=matter_ids] input",
            run: "edit Fjord Shipping",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Fjord Shipping)",
            run: "click",
        },
        {
            content: "The preview shows Ingrid's time",
            trigger: ".modal .o_field_widget[name=preview]:contains(Ingrid Solberg)",
        },
        screenshot(
            "billing-bill-matters",
            ".modal .o_field_widget[name=preview]:contains(Ingrid Solberg)",
            { closeDropdowns: true }
        ),
        {
            trigger: ".modal button[name=action_create_invoices]",
            run: "click",
        },
        {
            content: "The draft invoice",
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "See the invoice: to the client, with a line for Ingrid's time",
            trigger: '.o_form_view .o_field_widget[name=partner_id] input:value("Fjord Shipping ASA")',
        },
        {
            trigger: ".o_form_view .o_field_widget[name=invoice_line_ids] .o_data_row:contains(Ingrid Solberg)",
        },
        screenshot("billing-invoice"),
    ],
});
