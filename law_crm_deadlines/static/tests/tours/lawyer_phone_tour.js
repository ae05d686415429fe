/**
 * A lawyer's day on a phone (issue 12, flow 2): my matters -> open one ->
 * log a call in three taps -> add a deadline from a rule -> see it among my
 * activities. Run by law_crm_deadlines/tests/test_tour_lawyer_phone.py in a
 * phone-sized Chromium, once in English and once in Norwegian bokmål.
 * Triggers use field and button names; the only texts are the rule's
 * name and the date, which differ by language.
 */
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { screenshot } from "@law_crm/../tests/tours/screenshot";

const bokmal = () => user.lang.startsWith("nb");

registry.category("web_tour.tours").add("law_crm_lawyer_phone", {
    steps: () => {
        const rule = bokmal() ? "Anke (sivil sak)" : "Civil appeal";
        const servedOn = bokmal() ? "01.12.2026" : "12/01/2026";
        return [
            {
                content: "My matters open as cards",
                trigger: ".o_kanban_view .o_kanban_record",
            },
            screenshot("lawyer-phone-matters"),
            {
                content: "Open the charter party arbitration",
                trigger: ".o_kanban_record:contains(Fjord Shipping)",
                run: "click",
            },
            {
                content: "Tap 1: log a call (the first header button, shown on a phone)",
                trigger: ".o_form_view .o_statusbar_buttons button[name=action_log_correspondence]",
                run: "click",
            },
            {
                content: "Tap 2: say what the call was about",
                trigger: ".modal .o_field_widget[name=subject] input",
                run: "edit Call with the client about the hearing",
            },
            screenshot("lawyer-phone-log-call"),
            {
                content: "Tap 3: save",
                trigger: ".modal .o_form_button_save",
                run: "click",
            },
            {
                content: "The call is logged: the dialog is gone",
                trigger: "body:not(:has(.modal)) .o_form_view",
            },
            {
                content: "Go to the matter's deadlines",
                trigger: ".o_notebook .nav-link[name=deadlines]",
                run: "click",
            },
            {
                content: "Add a deadline",
                trigger:
                    ".o_field_widget[name=deadline_ids] .o-kanban-button-new, " +
                    ".o_field_widget[name=deadline_ids] .o_field_x2many_list_row_add a",
                run: "click",
            },
            {
                content: "Pick the rule: on a phone, a search dialog lists them",
                trigger: ".modal .o_field_widget[name=rule_id] input",
                run: "click",
            },
            {
                // The rules come by sequence: the civil appeal before its short variant.
                trigger: `.modal .o_kanban_record:contains("${rule}"), .modal .o_data_row:contains("${rule}")`,
                run: "click",
            },
            {
                content: "The rule filled in the deadline",
                trigger: `.modal .o_field_widget[name=name] input:value("${rule}")`,
            },
            {
                content: "The judgment was served on",
                trigger: ".modal .o_field_widget[name=trigger_date] input",
                run: `edit ${servedOn}`,
            },
            {
                trigger: ".modal .o_form_button_save",
                run: "click",
            },
            {
                content: "The deadline is on the matter",
                trigger: `body:not(:has(.modal)) .o_field_widget[name=deadline_ids] :contains("${rule}")`,
            },
            screenshot("lawyer-phone-deadline"),
            {
                content: "Save the matter",
                trigger: ".o_form_view .o_form_button_save",
                run: "click",
            },
            {
                content: "Saved",
                trigger: ".o_form_view .o_form_saved",
            },
            {
                content: "Open my activities",
                trigger: ".o_menu_systray .fa-clock-o",
                run: "click",
            },
            {
                content: "Matters with deadlines are among my activities",
                trigger: ".o-mail-ActivityMenu .o-mail-ActivityGroup[data-model_name='project.project']",
            },
            screenshot("lawyer-phone-activities"),
        ];
    },
});
