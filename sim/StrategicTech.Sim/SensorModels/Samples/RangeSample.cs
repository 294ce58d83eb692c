namespace StrategicTech.Sim.SensorModels.Samples;

/// <summary>
/// One downward range-finder reading along body +Z. When <see cref="Valid"/> is false the target was outside the
/// sensor's range and <see cref="DistanceM"/> holds the nearest range limit, not a measurement.
/// </summary>
public readonly record struct RangeSample(long TimeUs, double DistanceM, bool Valid);
