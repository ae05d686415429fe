/**
 * Compliance (issue 12, flow 5), run by law_crm_gdpr/tests/test_tour_compliance.py
 * as the demo compliance officer, once in English and once in bokmål:
 * register a data-subject access request, export the person's data, answer;
 * register a breach and see its 72-hour clock.
 * Triggers use field and button names; the only texts are the demo person,
 * the request kind's label and the dates, formatted as the user's language.
 */
import { formatDate, formatDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { screenshot } from "@law_crm/../tests/tours/screenshot";

const { DateTime } = luxon;
const tours = registry.category("web_tour.tours");

tours.add("law_crm_gdpr_access_request", {
    steps: () => {
        const access = user.lang.startsWith("nb") ? "Innsyn (art. 15)" : "Access (Art. 15)";
        return [
            {
                content: "A new request: access",
                trigger: ".o_form_view .o_field_widget[name=kind] .o_select_menu_toggler",
                run: "click",
            },
            {
                trigger: `.o_select_menu_item:contains("${access}")`,
                run: "click",
            },
            {
                content: "From Erik Johansen",
                trigger: ".o_field_widget[name=partner_id] input",
                run: "edit Erik Johansen",
            },
            {
                trigger: ".o-autocomplete--dropdown-item a:contains(Erik Johansen)",
                run: "click",
            },
            {
                content: "His identity was verified with BankID",
                trigger: ".o_notebook .nav-link[name=identity]",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=identity_method] .o_select_menu_toggler",
                run: "click",
            },
            {
                trigger: ".o_select_menu_item:contains(BankID)",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=identity_verified_by_id] input",
                run: "edit Anne",
            },
            {
                trigger: ".o-autocomplete--dropdown-item a:contains(Anne Bakke)",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=identity_verified_on] input",
                run: `edit ${formatDate(DateTime.now())}`,
            },
            {
                trigger: ".o_form_view .o_form_button_save",
                run: "click",
            },
            {
                content: "Saved: the answer is due in a month",
                trigger: ".o_form_view .o_form_saved .o_field_widget[name=due_date] span:not(:empty)",
            },
            screenshot("compliance-access-request"),
            {
                trigger: ".o_statusbar_buttons button[name=action_start]",
                run: "click",
            },
            {
                content: "Export his personal data",
                trigger:
                    ".o_form_view:not(:has(button[name=action_start])) .o_statusbar_buttons button[name=action_export]",
                run: "click",
            },
            {
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_run_now]",
                run: "click",
            },
            {
                content: "The archive is ready to download",
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_download]",
            },
            screenshot("compliance-export"),
            {
                content: "Back to the request",
                trigger: ".o_breadcrumb .o_back_button",
                run: "click",
            },
            {
                content: "One export on the request",
                trigger: ".o_form_view button[name=action_open_exports] .o_stat_value:contains(1)",
            },
            {
                content: "Write the answer",
                trigger: ".o_notebook .nav-link[name=answer]",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=answer] .odoo-editor-editable",
                run: "editor Enclosed is a copy of the personal data we hold about you.",
            },
            {
                trigger: ".o_statusbar_buttons button[name=action_answer]",
                run: "click",
            },
            {
                content: "Answered: it can only be reopened now",
                trigger: ".o_form_view .o_form_saved .o_statusbar_buttons button[name=action_reopen]",
            },
            screenshot("compliance-answered"),
        ];
    },
});

tours.add("law_crm_gdpr_breach", {
    steps: () => [
        {
            content: "A new breach",
            trigger: ".o_form_view .o_field_widget[name=title] input",
            run: "edit Client file emailed to the wrong recipient",
        },
        {
            content: "The firm became aware two hours ago",
            trigger: ".o_field_widget[name=aware_at] input",
            run: `edit ${formatDateTime(DateTime.now().minus({ hours: 2 }).startOf("minute"))}`,
        },
        {
            trigger: ".o_field_widget[name=nature] textarea",
            run: "edit An email with a client's file went to a namesake outside the firm.",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The 72-hour clock runs",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=deadline_calculation]:contains(72)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=deadline_at] span:not(:empty)",
        },
        screenshot("compliance-breach"),
    ],
});
