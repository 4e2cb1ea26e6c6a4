// The routing half of `npm run eval` alone: the learned need, the difficulty as routed
// and the baselines as strong/weak routers on RouteLLM's public outcomes
// (data/routellm/outcomes.jsonl.gz), by nested cross-validation by prompt, beside
// random routing and RouteLLM's best published routers.
//   npm run eval:difficulty
import { readRouteLlmOutcomes } from '../server/src/classify/training/routellm-data';
import { evaluateRouting, routingTable } from './eval-routing';

console.log(routingTable(evaluateRouting(readRouteLlmOutcomes())).join('\n'));
