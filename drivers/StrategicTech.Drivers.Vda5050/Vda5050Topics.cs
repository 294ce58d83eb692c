namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// MQTT topic layout <c>interfaceName/majorVersion/manufacturer/serialNumber/topic</c> (e.g.
/// <c>uagv/v2/Acme/AGV-7/order</c>) and the topic names. The major version is "v" and the protocol version's
/// first number.
/// </summary>
public static class Vda5050Topics
{
    public const string Order = "order";
    public const string InstantActions = "instantActions";
    public const string State = "state";
    public const string Visualization = "visualization";
    public const string Connection = "connection";
    public const string Factsheet = "factsheet";

    /// <summary>3.0 only: the master's grants for zone and edge requests.</summary>
    public const string Responses = "responses";

    /// <summary>3.0 only: the zones of a map, master to AGV.</summary>
    public const string ZoneSet = "zoneSet";

    public static string MajorVersion(string protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(protocolVersion);
        int dot = protocolVersion.IndexOf('.', StringComparison.Ordinal);
        return "v" + (dot < 0 ? protocolVersion : protocolVersion[..dot]);
    }

    public static string For(string interfaceName, string protocolVersion, string manufacturer, string serialNumber, string topic) =>
        $"{interfaceName}/{MajorVersion(protocolVersion)}/{manufacturer}/{serialNumber}/{topic}";

    /// <summary>Filter matching a topic of every AGV (<c>+/+</c> for manufacturer and serial number).</summary>
    public static string AllAgvs(string interfaceName, string protocolVersion, string topic) =>
        $"{interfaceName}/{MajorVersion(protocolVersion)}/+/+/{topic}";

    /// <summary>Splits a topic into manufacturer, serial number and topic name; false when it has not five levels.</summary>
    public static bool TryParse(string mqttTopic, out string manufacturer, out string serialNumber, out string topic)
    {
        ArgumentNullException.ThrowIfNull(mqttTopic);
        string[] parts = mqttTopic.Split('/');
        if (parts.Length != 5)
        {
            manufacturer = serialNumber = topic = string.Empty;
            return false;
        }

        manufacturer = parts[2];
        serialNumber = parts[3];
        topic = parts[4];
        return true;
    }
}
