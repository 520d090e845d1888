# Thin aliases for the npm scripts.
.PHONY: install build start demo test bench fixtures clean

install:
	npm install

build:
	npm run build

start:
	npm start

demo:
	npm run demo

test:
	npm test

bench:
	npm run bench

# Re-record the CLI fixtures after upgrading @anthropic-ai/claude-code.
fixtures:
	npx tsx test/support/record-fixtures.ts

clean:
	rm -rf dist
