namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>UBX class/id pairs this driver reads or writes (u-blox interface description).</summary>
public static class UbxMessageId
{
    public const byte ClassNav = 0x01;
    public const byte ClassAck = 0x05;
    public const byte ClassCfg = 0x06;

    public const byte NavDop = 0x04;
    public const byte NavPvt = 0x07;
    public const byte NavSat = 0x35;
    public const byte AckNak = 0x00;
    public const byte AckAck = 0x01;
    public const byte CfgValset = 0x8A;
}
