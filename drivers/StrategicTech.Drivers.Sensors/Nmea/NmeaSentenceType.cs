namespace StrategicTech.Drivers.Sensors.Nmea;

/// <summary>Sentence formatters the parser decodes (any talker: GP, GN, GL, GA, BD…); others are counted as <see cref="Other"/>.</summary>
public enum NmeaSentenceType
{
    None,
    Gga,
    Rmc,
    Gsa,
    Gsv,
    Vtg,
    Other,
}
