/**
 * Client intake (issue 12, flow 1), four tours run one after the other by
 * law_crm/tests/test_tour_intake.py, once in English and once in bokmål:
 *
 * 1. the assistant registers the inquiry, unassigned so that the whole
 *    intake pool sees it, and runs the conflict check;
 * 2. a partner clears the check;
 * 3. the assistant records the engagement letter and the client's due
 *    diligence (a property transaction needs it);
 * 4. the partner creates the matter, staffs it and opens it.
 *
 * Triggers use field, button and menu names; the only texts are the demo
 * data's and the matter type's name, and dates, which differ by language.
 */
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { screenshot } from "./screenshot";

const bokmal = () => user.lang.startsWith("nb");
const INQUIRY = "Tveit – purchase of Storgata 5";
const CLIENT = "Halvor Tveit";
const OTHER_SIDE = "Brekke Bygg AS";

function today() {
    return luxon.DateTime.now().toFormat(bokmal() ? "dd.MM.yyyy" : "MM/dd/yyyy");
}

const tours = registry.category("web_tour.tours");

tours.add("law_crm_intake_inquiry", {
    steps: () => {
        const matterType = bokmal() ? "Eiendomstransaksjon" : "Property Transaction";
        return [
            {
                content: "A new inquiry: what it is about",
                trigger: ".o_form_view .o_field_widget[name=name] textarea",
                run: `edit ${INQUIRY}`,
            },
            {
                content: "The client, new to the firm",
                trigger: ".o_form_view .o_field_widget[name=partner_id] input",
                run: `edit ${CLIENT}`,
            },
            {
                trigger: ".o_field_widget[name=partner_id] .o_m2o_dropdown_option_create a",
                run: "click",
            },
            {
                trigger: `.o_field_widget[name=partner_id] input:value("${CLIENT}")`,
            },
            {
                content: "Unassigned: the lawyer is chosen when the matter is created",
                trigger: ".o_form_view .o_field_widget[name=user_id] input",
                run: "clear",
            },
            {
                content: "The intake tab",
                trigger: ".o_notebook .nav-link[name=law_intake]",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=law_matter_type_id] input",
                run: `edit ${matterType}`,
            },
            {
                trigger: `.o-autocomplete--dropdown-item a:contains("${matterType}")`,
                run: "click",
            },
            {
                content: "The other side",
                trigger: ".o_field_widget[name=law_counterparty_ids] input",
                run: `edit ${OTHER_SIDE}`,
            },
            {
                trigger: ".o_field_widget[name=law_counterparty_ids] .o_m2o_dropdown_option_create a",
                run: "click",
            },
            {
                trigger: `.o_field_widget[name=law_counterparty_ids] .o_tag:contains("${OTHER_SIDE}")`,
            },
            {
                trigger: ".o_form_view .o_form_button_save",
                run: "click",
            },
            {
                trigger: ".o_form_view .o_form_saved",
            },
            screenshot("assistant-inquiry"),
            {
                content: "Check the client and the other side",
                trigger: ".o_statusbar_buttons button[name=action_law_conflict_check]",
                run: "click",
            },
            {
                content: "The check ran and awaits a partner's decision",
                trigger: `.o_form_view:has(.o_field_widget[name=lead_id]:contains("${INQUIRY}")) .o_field_widget[name=classification]`,
            },
            screenshot("assistant-conflict-check"),
        ];
    },
});

tours.add("law_crm_intake_clear", {
    steps: () => [
        {
            content: "The checks awaiting a decision",
            trigger: `.o_list_view .o_data_row:contains("${INQUIRY}") td[name=name]`,
            run: "click",
        },
        {
            trigger: ".o_notebook .nav-link[name=decision]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_reason] textarea",
            run: "edit Neither the client nor the other side is known to the firm.",
        },
        {
            content: "Clear",
            trigger: ".o_statusbar_buttons button[name=action_clear]",
            run: "click",
        },
        {
            content: "Decided by the partner",
            trigger: ".o_form_view .o_field_widget[name=decided_by_id]:contains(Kari Berg)",
        },
        screenshot("partner-conflict-cleared"),
    ],
});

tours.add("law_crm_intake_due_diligence", {
    steps: () => [
        {
            content: "The engagement letter went out today",
            trigger: ".o_notebook .nav-link[name=law_intake]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=law_engagement_letter_date] input",
            run: `edit ${today()}`,
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Customer due diligence, from the Intake menu",
            trigger: ".o_main_navbar [data-menu-xmlid='law_crm.menu_law_intake_root']",
            run: "click",
        },
        {
            trigger: "[data-menu-xmlid='law_crm.menu_law_kyc']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: `edit ${CLIENT}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains("${CLIENT}")`,
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=full_name] input",
            run: `edit ${CLIENT}`,
        },
        {
            trigger: ".o_field_widget[name=birth_date] input",
            run: `edit ${bokmal() ? "14.03.1980" : "03/14/1980"}`,
        },
        {
            trigger: ".o_field_widget[name=birth_place] input",
            run: "edit Bergen",
        },
        {
            trigger: ".o_field_widget[name=address] textarea",
            run: "edit Storgata 5, 0155 Oslo",
        },
        {
            content: "Identity verified with BankID",
            trigger: ".o_field_widget[name=verification_method] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains(BankID)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=verified_by_id] input",
            run: "edit Sofie",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Sofie Dahl)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_verified] input",
            run: `edit ${today()}`,
        },
        {
            trigger: ".o_field_widget[name=purpose] textarea",
            run: "edit Purchase of a flat to live in.",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, and complete: no list of what is missing",
            trigger: ".o_form_view .o_form_saved:not(:has(.o_field_widget[name=problems]))",
        },
        screenshot("assistant-due-diligence"),
    ],
});

tours.add("law_crm_intake_open_matter", {
    steps: () => [
        {
            content: "The inquiry is ready: create the matter",
            trigger: ".o_statusbar_buttons button[name=action_law_create_matter]",
            run: "click",
        },
        {
            content: "The matter, in intake, with the other side as a party",
            trigger: `.o_form_view:has(button[name=action_open_matter]) .o_field_widget[name=party_ids] .o_data_row:contains("${OTHER_SIDE}")`,
        },
        {
            content: "Ingrid is the responsible lawyer",
            trigger: ".o_form_view .o_field_widget[name=user_id] input",
            run: "edit Ingrid",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Ingrid Solberg)",
            run: "click",
        },
        {
            content: "Sofie is on the team",
            trigger: ".o_notebook .nav-link[name=team]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=team_user_ids] input",
            run: "edit Sofie",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Sofie Dahl)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=team_user_ids] .o_tag:contains(Sofie Dahl)",
        },
        {
            content: "Open the matter",
            trigger: ".o_statusbar_buttons button[name=action_open_matter]",
            run: "click",
        },
        {
            content: "Open: it can now be closed",
            trigger: ".o_form_view .o_form_saved .o_statusbar_buttons button[name=action_close_matter]",
        },
        screenshot("partner-matter-opened"),
    ],
});
