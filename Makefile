# Thin aliases for the npm scripts, and for docker compose (docker-compose.yml):
#   make up                     one gateway in a container on 127.0.0.1:8000, sessions in its memory (profile single)
#   make up PROFILE=redis       the same with sessions and stored responses in Redis
#   make up PROFILE=replicas    3 gateways behind nginx on 127.0.0.1:8000, sharing Redis; REPLICAS=5 for another count
#   make down                   stops and removes what any profile started (the volumes, with the CLI login, stay);
#                               PROFILE=… names one profile instead
# `up` needs API_KEYS in the environment or in .env, builds the image, and waits until the services are healthy.
.PHONY: install build start demo test bench fixtures clean up down

PROFILE ?=
COMPOSE ?= docker compose

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

up:
	$(COMPOSE) --profile $(or $(PROFILE),single) up -d --build --wait $(if $(REPLICAS),--scale replica=$(REPLICAS))

down:
	$(COMPOSE) $(addprefix --profile ,$(or $(PROFILE),single redis replicas)) down
