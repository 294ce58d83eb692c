using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Core;

/// <summary>A message the fleet manager wants sent to one robot: an order or instant actions.</summary>
public sealed record OutgoingMessage(string Manufacturer, string SerialNumber, Order? Order, InstantActions? Actions);
