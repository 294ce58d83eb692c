namespace StrategicTech.Drivers.Sensors.Boards;

public enum BusKind
{
    I2c,
    Spi,
    Serial,
}

public enum DeviceKind
{
    Imu,
    Barometer,
    Magnetometer,
    Gnss,
    RcInput,
    RangeFinder,
}

/// <summary>A bus on the board: I²C and SPI by Linux bus number, serial by device path and baud rate.</summary>
public sealed record BusDescription(string Id, BusKind Kind, int BusNumber, string? DevicePath, int BaudRate);

/// <summary>A device bound to a bus, with its I²C address or SPI chip select and its mounting rotation.</summary>
public sealed record DeviceDescription(
    string Id, string Driver, DeviceKind Kind, string Bus, int? Address, int? ChipSelect, int? SpiClockHz, SensorRotation Rotation);

/// <summary>The motor output stage: Linux sysfs PWM (chip number) or a PCA9685 on an I²C bus.</summary>
public sealed record PwmDescription(string Driver, string? Bus, int? Address, int? Chip, double FrequencyHz, int ChannelCount);

/// <summary>Motor <see cref="Number"/> (1-based, in the frame's motor order) on PWM channel <see cref="Channel"/> (0-based).</summary>
public sealed record MotorDescription(int Number, int Channel, bool Clockwise);

/// <summary>A validated board file (see hardware/README.md for the format).</summary>
public sealed record BoardDescription(
    string Name,
    string Description,
    string Frame,
    IReadOnlyList<BusDescription> Buses,
    IReadOnlyList<DeviceDescription> Devices,
    PwmDescription Pwm,
    IReadOnlyList<MotorDescription> Motors)
{
    public BusDescription BusOf(DeviceDescription device) => Buses.First(b => b.Id == device.Bus);
}

/// <summary>One problem in a board file: the file, the JSON path of the field and what is wrong.</summary>
public sealed record BoardError(string File, string JsonPath, string Problem)
{
    public override string ToString() => $"{File}: {JsonPath}: {Problem}";
}

/// <summary>Thrown by <see cref="BoardLoader.Load"/> with every problem found (not just the first).</summary>
public sealed class BoardValidationException : Exception
{
    public BoardValidationException()
        : this([])
    {
    }

    public BoardValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public BoardValidationException(string message, Exception inner)
        : base(message, inner)
    {
        Errors = [];
    }

    public BoardValidationException(IReadOnlyList<BoardError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<BoardError> Errors { get; }
}
