// Helper thread of parallel-svm.ts: trains classes from the shared counter, writing into shared weights.
import { workerData } from "node:worker_threads";
import { trainClasses, type SharedTraining } from "./parallel-svm";

trainClasses(workerData as SharedTraining);
