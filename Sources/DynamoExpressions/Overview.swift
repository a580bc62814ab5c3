// DynamoDB's expression language.
//
// Entry points (each parses once, resolving `#name` / `:value` placeholders from one request's
// `ExpressionAttributes`, and returns a compiled value that is cheap to run many times):
//
//   ConditionExpression.parse(_:kind:attributes:)  ConditionExpression / FilterExpression
//   UpdateExpression.parse(_:attributes:)           SET / REMOVE / ADD / DELETE
//   ProjectionExpression.parse(_:attributes:)       comma-separated document paths
//   KeyCondition.parse(_:partitionKey:sortKey:attributes:)
//
// After parsing every expression of a request, `ExpressionAttributes.checkAllUsed()` reports
// placeholders no expression used.
//
// Errors are DynamoDB's ValidationException messages, prefixed `Invalid <Parameter>: ` as
// DynamoDB does. Syntax errors name the offending token and the text from the token before it
// to the token after it. Semantic errors (reserved words, undefined placeholders, misused
// functions, overlapping paths, ...) are collected while parsing and the highest-priority one is
// reported, so the error does not depend on where in the text each problem sits.
//
// Behaviour taken from DynamoDB where it differs from a naive reading of the guide:
// - function names are case-sensitive (`BEGINS_WITH(...)` is "Invalid function name"); keywords
//   (AND, OR, NOT, BETWEEN, IN, SET, REMOVE, ADD, DELETE) are not;
// - a bare name must start with a letter (`_a` needs a placeholder);
// - `a <> b` is true when either side is missing or the types differ; every other comparison
//   with a missing side is false;
// - strings compare by UTF-8 bytes; `size()` of a string counts UTF-16 code units;
// - `((x))` is "The expression has redundant parentheses;", `a = a` is "The first operand must be
//   distinct from the remaining operands ...";
// - in an update every operand reads the item as it was before the update, and list indexes
//   refer to positions before the update.
//
// Limits: 4096 bytes of expression text; parentheses, NOT and function calls nest at most 64
// deep (a ValidationException, never a stack overflow); IN takes at most 100 operands.
