#!/bin/bash

# Query students by health score
aws dynamodb query \
  --table-name iops-dashboard-metrics \
  --index-name EntityTypeHealthIndex \
  --key-condition-expression "entity_type = :et AND health_score < :hs" \
  --expression-attribute-values '{
    ":et": {"S": "student"},
    ":hs": {"N": "70"}
  }' \
  | jq '.Items[] | {
      student_id: .entity_id.S,
      health_score: .health_score.N,
      sessions_7d: .sessions_7d.N,
      ib_calls_14d: .ib_calls_14d.N
    }'
