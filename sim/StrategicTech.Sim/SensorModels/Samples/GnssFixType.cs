namespace StrategicTech.Sim.SensorModels.Samples;

/// <summary>GNSS fix quality, numbered like MAVLink GPS_FIX_TYPE.</summary>
public enum GnssFixType
{
    NoGps = 0,
    NoFix = 1,
    Fix2D = 2,
    Fix3D = 3,
}
