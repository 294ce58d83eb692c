namespace StrategicTech.Drivers.Sensors.Crsf;

/// <summary>CRSF frame types and addresses used here.</summary>
public static class CrsfFrameType
{
    public const byte LinkStatistics = 0x14;
    public const byte RcChannelsPacked = 0x16;

    /// <summary>Address of the flight controller: receivers send to it.</summary>
    public const byte AddressFlightController = 0xC8;
    public const byte AddressRadioTransmitter = 0xEA;
    public const byte AddressReceiver = 0xEC;
    public const byte AddressTransmitterModule = 0xEE;

    /// <summary>Largest frame on the wire, address and length bytes included.</summary>
    public const int MaxFrameLength = 64;
}

/// <summary>CRSF LINK_STATISTICS (0x14), the receiver's view of the radio link.</summary>
public readonly record struct CrsfLinkStatistics(
    long TimeUs, byte UplinkRssiAnt1Dbm, byte UplinkRssiAnt2Dbm, byte UplinkLinkQualityPercent, sbyte UplinkSnrDb,
    byte ActiveAntenna, byte RfMode, byte UplinkTxPowerIndex, byte DownlinkRssiDbm, byte DownlinkLinkQualityPercent, sbyte DownlinkSnrDb);
