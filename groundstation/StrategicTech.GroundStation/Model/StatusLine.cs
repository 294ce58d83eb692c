namespace StrategicTech.GroundStation.Model;

/// <summary>A STATUSTEXT as the log shows it: MAV_SEVERITY (0 emergency … 7 debug), text and receive time.</summary>
public readonly record struct StatusLine(long TimeUs, byte SystemId, int Severity, string Text)
{
    public string SeverityName => Severity switch
    {
        0 => "EMERG",
        1 => "ALERT",
        2 => "CRIT",
        3 => "ERROR",
        4 => "WARN",
        5 => "NOTICE",
        6 => "INFO",
        _ => "DEBUG",
    };
}
