namespace StrategicTech.Sim.SensorModels;

/// <summary>Start-up checks of sensor parameters: a bad value fails construction with the sensor and field named.</summary>
internal static class ParameterChecks
{
    public static void NonNegative(string sensor, string field, double value)
    {
        if (!(value >= 0) || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(field, value, $"{sensor}: {field} must be ≥ 0");
        }
    }

    public static void Positive(string sensor, string field, double value)
    {
        if (!(value > 0))
        {
            throw new ArgumentOutOfRangeException(field, value, $"{sensor}: {field} must be > 0");
        }
    }
}
