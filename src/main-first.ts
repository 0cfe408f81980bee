// Imported first by main.ts, so it runs before the rest of Cohort is loaded
// and allocates: V8's heap is sized for a bot from the start (see heap.ts).
import { sizeHeapForTheBot } from './heap.ts';

sizeHeapForTheBot();
