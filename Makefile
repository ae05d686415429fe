# The two commands: `make run` serves a demo database, `make test` runs everything.
.PHONY: run test i18n lint screenshots

run:
	bash setup/run.sh

test:
	bash setup/test.sh $(ARGS)

i18n:
	bash setup/i18n.sh

lint:
	bash setup/test.sh --lint-only

# The user guides' screenshots (docs/guide/img): the browser tours, run with
# LAW_CRM_SCREENSHOTS set, save them as they go.
screenshots:
	LAW_CRM_SCREENSHOTS=$(CURDIR)/docs/guide/img bash setup/test.sh --skip-lint --tags law_crm_tour
