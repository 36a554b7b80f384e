"""The OpenAPI 3 description of the endpoint's routes (served at /openapi.json)."""
from __future__ import annotations

from .protocol import FORMAT_NAMES

_ERR = {"description": "an error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_RESULTS = {"description": "the results, in the negotiated format",
            "content": {t: {} for t in ("application/sparql-results+json", "application/sparql-results+xml",
                                        "text/csv", "text/tab-separated-values", "text/turtle",
                                        "application/n-triples", "application/rdf+xml", "application/ld+json")}}
_ERRORS = {str(s): _ERR for s in (400, 403, 406, 413, 415, 503)}
_FORMAT = {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": sorted(FORMAT_NAMES)},
           "description": "the result format, overriding the Accept header"}
OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "cnpolicy-kg SPARQL endpoint", "version": "0.1.0",
             "description": "A read-only SPARQL 1.1 endpoint over the knowledge graph, and its saved queries."},
    "paths": {
        "/sparql": {
            "get": {"summary": "Run a SPARQL query (without query: the service description, in Turtle)",
                    "parameters": [
                        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"}},
                        {"name": "default-graph-uri", "in": "query", "required": False,
                         "schema": {"type": "array", "items": {"type": "string"}}},
                        {"name": "named-graph-uri", "in": "query", "required": False,
                         "schema": {"type": "array", "items": {"type": "string"}}}, _FORMAT],
                    "responses": {"200": _RESULTS, **_ERRORS}},
            "post": {"summary": "Run a SPARQL query sent in the body (updates get 403)",
                     "requestBody": {"content": {
                         "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                             "query": {"type": "string"}, "default-graph-uri": {"type": "string"},
                             "named-graph-uri": {"type": "string"}}, "required": ["query"]}},
                         "application/sparql-query": {"schema": {"type": "string"}}}},
                     "responses": {"200": _RESULTS, **_ERRORS}},
        },
        "/queries": {"get": {"summary": "The saved queries: name, question, parameters",
                             "responses": {"200": {"description": "a list", "content": {"application/json": {
                                 "schema": {"type": "array", "items": {"$ref": "#/components/schemas/SavedQuery"}}}}}}}},
        "/queries/{name}": {"get": {
            "summary": "Run a saved query; its parameters are given as query parameters (?place=Shanxi)",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}, _FORMAT],
            "responses": {"200": _RESULTS, "404": _ERR, **_ERRORS}}},
        "/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI 3"}}}},
    },
    "components": {"schemas": {
        "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
            "status": {"type": "integer"}, "message": {"type": "string"}}}}},
        "SavedQuery": {"type": "object", "properties": {
            "name": {"type": "string"}, "question": {"type": "string"},
            "params": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "required": {"type": "boolean"}, "description": {"type": "string"}}}}}},
    }},
}
