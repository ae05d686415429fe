/**
 * Getting started (issue 12, onboarding), run by
 * law_crm/tests/test_tour_getting_started.py once in English and once in
 * bokmål: the administrator of a new database logs in and lands on the
 * getting-started page, opens the practice areas from it, comes back and
 * dismisses the page. Triggers use step and button names.
 */
import { registry } from "@web/core/registry";

import { screenshot } from "./screenshot";

registry.category("web_tour.tours").add("law_crm_getting_started", {
    steps: () => [
        {
            content: "The page a new database opens on",
            trigger: ".o_form_view div[name=steps] div[name=mail]",
        },
        screenshot("getting-started"),
        {
            content: "Configure the practice areas",
            trigger: "div[name=practice_areas] button",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Back to the getting-started page",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "Done with it: dismiss",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_dismiss]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The next login opens the usual home",
            trigger: "body:not(:has(div[name=steps])) .o_main_navbar .o_menu_brand",
        },
    ],
});
