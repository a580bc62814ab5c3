#!/bin/bash

ENTITY_ID=${1:-"stu_test_001"}

# Get all insights for an entity
aws dynamodb query \
  --table-name iops-dashboard-insights \
  --key-condition-expression "pk = :pk" \
  --expression-attribute-values "{
    \":pk\": {\"S\": \"insight#$ENTITY_ID\"}
  }" \
  --no-scan-index-forward \
  --limit 10 \
  | jq '.Items[] | {
      timestamp: .sk.S,
      prediction_type: .prediction_type.S,
      risk_score: .risk_score.N,
      explanation: .explanation.S
    }'
