namespace StrategicTech.Drivers.Sensors.Mpu9250;

/// <summary>MPU-9250 registers used by this driver (InvenSense register map RM-MPU-9250A-00 rev 1.6).</summary>
public enum Register : byte
{
    SmplrtDiv = 0x19,
    Config = 0x1A,
    GyroConfig = 0x1B,
    AccelConfig = 0x1C,
    AccelConfig2 = 0x1D,
    FifoEn = 0x23,
    IntStatus = 0x3A,
    AccelXoutH = 0x3B,
    TempOutH = 0x41,
    GyroXoutH = 0x43,
    UserCtrl = 0x6A,
    PwrMgmt1 = 0x6B,
    PwrMgmt2 = 0x6C,
    FifoCountH = 0x72,
    FifoCountL = 0x73,
    FifoRW = 0x74,
    WhoAmI = 0x75,
}

/// <summary>Bit values used in the configuration registers.</summary>
internal static class Bits
{
    public const byte SpiRead = 0x80;
    public const byte PwrMgmt1Reset = 0x80;
    public const byte PwrMgmt1ClockAuto = 0x01;
    public const byte UserCtrlFifoEnable = 0x40;
    public const byte UserCtrlI2cInterfaceDisable = 0x10;
    public const byte UserCtrlFifoReset = 0x04;
    /// <summary>CONFIG FIFO_MODE: when full, stop writing (keeps packets aligned) rather than overwrite the oldest.</summary>
    public const byte ConfigFifoModeStopWhenFull = 0x40;
    /// <summary>DLPF_CFG = 1: gyro bandwidth 184 Hz, internal rate 1 kHz.</summary>
    public const byte ConfigDlpf184Hz = 0x01;
    /// <summary>A_DLPF_CFG = 1 with ACCEL_FCHOICE_B = 0: accelerometer bandwidth 218 Hz, rate 1 kHz.</summary>
    public const byte AccelConfig2Dlpf218Hz = 0x01;
    public const byte FifoEnTempGyroAccel = 0xF8;
    public const byte IntStatusFifoOverflow = 0x10;
}
