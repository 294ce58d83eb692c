using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Zones;

/// <summary>One answer of the master to one robot's zone or edge request, to be sent in that robot's <c>responses</c>.</summary>
public readonly record struct ReleaseGrant(string Manufacturer, string SerialNumber, RequestResponse Response);
