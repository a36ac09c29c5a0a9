// Pure chart components: data in, server-rendered SVG out (d3 only for scales, shapes and number formats).
export { BarChart, barChartHeight, type BarChartProps, type BarRow } from "./BarChart";
export { ChartFrame, MaybeLink, type ChartFrameProps, type ChartTexts, type LegendItem } from "./ChartFrame";
export { axisTicks, formatValue, isValue, MISSING, type ValueFormat } from "./format";
export { LineChart, MAX_DOTS, type LineChartProps, type LinePoint, type LineSeries } from "./LineChart";
export {
  CATEGORICAL_COLORS,
  CHANNEL_COLORS,
  CHANNELS,
  CHART_GRID,
  CHART_INK,
  CHART_MUTED,
  DEADLINE_COLORS,
  SENTIMENT_COLORS,
  SENTIMENTS,
  categoricalColor,
  textColorOn,
  type Channel,
  type DeadlineState,
  type Sentiment,
} from "./palette";
export { Sparkline, SPARKLINE_VIEWBOX, type SparklineProps } from "./Sparkline";
export {
  StackedBarChart,
  stackCellText,
  stackedBarChartHeight,
  type StackCategory,
  type StackedBarChartProps,
  type StackRow,
} from "./StackedBarChart";
