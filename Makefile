# The two commands: `make run` serves a demo database, `make test` runs everything.
.PHONY: run test i18n lint

run:
	bash setup/run.sh

test:
	bash setup/test.sh $(ARGS)

i18n:
	bash setup/i18n.sh

lint:
	bash setup/test.sh --lint-only
