import { registry } from "@web/core/registry";

// A client on the portal: opens the shared matter, reads the lawyer's status
// note, a shared document and the upcoming hearing, writes a message with a document attached.
// Language-neutral (CSS classes and data only), run in English and bokmål.
registry.category("web_tour.tours").add("law_crm_portal_matter_tour", {
    url: "/my/matters",
    steps: () => [
        {
            content: "The shared matter is listed",
            trigger: ".o_law_portal_matter:contains('Nordvik – lease dispute')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The lawyer's status note is shown",
            trigger: ".o_law_portal_note:contains('Hearing on 12 January')",
        },
        {
            content: "The shared document is listed",
            trigger: ".o_law_portal_document:contains('engagement-letter.txt')",
        },
        {
            content: "The upcoming hearing the lawyer shared is shown",
            trigger: ".o_law_portal_event:contains('Main hearing, Oslo tingrett')",
        },
        {
            content: "Write a message",
            trigger: "#law_portal_message",
            run: "edit Here is the signed lease.",
        },
        {
            content: "Choose a document",
            trigger: "#law_portal_attachment",
            async run(helpers) {
                const input = helpers.anchor;
                const file = new File(["Signed lease, page 1"], "signed-lease.txt", {
                    type: "text/plain",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Send",
            trigger: ".o_law_portal_send",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirmation shown",
            trigger: ".o_law_portal_sent",
        },
        {
            content: "The uploaded document is now on the matter's documents",
            trigger: ".o_law_portal_document:contains('signed-lease.txt')",
        },
        {
            content: "The message is among the client's own messages",
            trigger: ".o_law_portal_own_messages:contains('Here is the signed lease.')",
        },
        {
            content: "The page fits the screen (no sideways scrolling on a phone)",
            trigger: ".o_law_portal_matter_page",
            run() {
                const page = document.documentElement;
                if (page.scrollWidth > window.innerWidth + 1) {
                    throw new Error(
                        `page is ${page.scrollWidth}px wide on a ${window.innerWidth}px screen`
                    );
                }
            },
        },
    ],
});
