// npx tsx ingest/demo/cli.ts [--out data/demo] [--seed N] [--months N] [--end YYYY-MM] [--scale X]
import { DEFAULT_END_MONTH, DEFAULT_MONTHS, DEFAULT_SEED, generateDemo } from "./generate";

function parseArgs(argv: string[]): { out: string; seed: number; months: number; endMonth: string; scale: number } {
  const a = { out: "data/demo", seed: DEFAULT_SEED, months: DEFAULT_MONTHS, endMonth: DEFAULT_END_MONTH, scale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    const num = (s: string) => {
      const n = Number(s);
      if (!Number.isFinite(n)) throw new Error(`${flag}: not a number: ${s}`);
      return n;
    };
    if (flag === "--out") a.out = need();
    else if (flag === "--seed") a.seed = num(need());
    else if (flag === "--months") a.months = num(need());
    else if (flag === "--end") a.endMonth = need();
    else if (flag === "--scale") a.scale = num(need());
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: tsx ingest/demo/cli.ts [--out data/demo] [--seed N] [--months N] [--end YYYY-MM] [--scale X]");
      process.exit(0);
    } else throw new Error(`unknown argument ${flag}`);
  }
  return a;
}

try {
  const args = parseArgs(process.argv.slice(2));
  const result = await generateDemo(args.out, { seed: args.seed, months: args.months, endMonth: args.endMonth, scale: args.scale });
  console.log(JSON.stringify(result.counts));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
