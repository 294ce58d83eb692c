using System.Globalization;
using System.Text.Json;

namespace StrategicTech.Drivers.Sensors.Boards;

/// <summary>
/// Reads and validates a board file (JSON, comments allowed). Every problem is reported with the file, the JSON
/// path of the field (e.g. <c>$.devices[2].address</c>) and what is wrong; all problems are collected before
/// throwing <see cref="BoardValidationException"/>, so one run fixes a whole file.
/// </summary>
public static class BoardLoader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    public static BoardDescription Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoardValidationException([new BoardError(path, "$", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Validates board JSON; <paramref name="fileName"/> is only used in error messages.</summary>
    public static BoardDescription Parse(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new BoardValidationException([new BoardError(fileName, "$", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message}")]);
        }

        using (document)
        {
            var v = new Validator(fileName);
            BoardDescription? board = v.Board(document.RootElement);
            if (v.Errors.Count > 0 || board is null)
            {
                throw new BoardValidationException(v.Errors);
            }

            return board;
        }
    }

    private sealed class Validator(string file)
    {
        private static readonly string[] BoardFields = ["name", "description", "frame", "buses", "devices", "pwm", "motors"];
        private static readonly string[] BusFields = ["id", "kind", "bus", "device", "baud"];
        private static readonly string[] DeviceFields = ["id", "driver", "bus", "address", "chipSelect", "spiClockHz", "rotation"];
        private static readonly string[] PwmFields = ["driver", "bus", "address", "chip", "frequencyHz", "channels"];
        private static readonly string[] MotorFields = ["number", "channel", "direction"];
        private static readonly string[] RotationFields = ["rollDeg", "pitchDeg", "yawDeg"];

        /// <summary>Ids of every bus entry, valid or not: a device on a bus whose entry was already reported is not reported again.</summary>
        private readonly HashSet<string> _declaredBusIds = new(StringComparer.Ordinal);

        public List<BoardError> Errors { get; } = [];

        public BoardDescription? Board(JsonElement root)
        {
            if (!IsObject(root, "$"))
            {
                return null;
            }

            UnknownFields(root, "$", BoardFields);
            string name = RequiredString(root, "$", "name") ?? "";
            string description = OptionalString(root, "$", "description") ?? "";
            string frame = RequiredString(root, "$", "frame") ?? "";
            if (frame.Length > 0 && !KnownDrivers.Frames.ContainsKey(frame))
            {
                Error("$.frame", $"unknown frame '{frame}' (known: {string.Join(", ", KnownDrivers.Frames.Keys)})");
            }

            if (root.TryGetProperty("buses", out JsonElement declared) && declared.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement b in declared.EnumerateArray())
                {
                    if (b.ValueKind == JsonValueKind.Object && b.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String)
                    {
                        _declaredBusIds.Add(id.GetString()!);
                    }
                }
            }

            List<BusDescription> buses = Array(root, "$", "buses", Bus);
            List<DeviceDescription> devices = Array(root, "$", "devices", (e, p) => Device(e, p, buses));
            PwmDescription? pwm = root.TryGetProperty("pwm", out JsonElement pwmElement) ? Pwm(pwmElement, "$.pwm", buses) : Missing("$", "pwm");
            List<MotorDescription> motors = Array(root, "$", "motors", Motor);

            Duplicates(buses.Select(b => b.Id).ToList(), "$.buses", "id", "bus id");
            Duplicates(devices.Select(d => d.Id).ToList(), "$.devices", "id", "device id");
            BusConflicts(devices, buses);
            if (pwm is not null)
            {
                MotorChecks(motors, pwm, frame);
                if (pwm.Bus is not null && pwm.Address is not null)
                {
                    for (int i = 0; i < devices.Count; i++)
                    {
                        if (devices[i].Bus == pwm.Bus && devices[i].Address == pwm.Address)
                        {
                            Error($"$.pwm.address", $"address 0x{pwm.Address:X2} on bus '{pwm.Bus}' is already used by device '{devices[i].Id}'");
                        }
                    }
                }
            }

            return pwm is null ? null : new BoardDescription(name, description, frame, buses, devices, pwm, motors);
        }

        private BusDescription? Bus(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            UnknownFields(e, path, BusFields);
            string? id = RequiredString(e, path, "id");
            string? kindText = RequiredString(e, path, "kind");
            BusKind? kind = kindText switch
            {
                "i2c" => BusKind.I2c,
                "spi" => BusKind.Spi,
                "serial" => BusKind.Serial,
                null => null,
                _ => Invalid<BusKind?>($"{path}.kind", $"unknown bus kind '{kindText}' (i2c, spi or serial)"),
            };
            if (id is null || kind is null)
            {
                return null;
            }

            if (kind == BusKind.Serial)
            {
                string? device = RequiredString(e, path, "device");
                int? baud = RequiredInt(e, path, "baud", 1200, 4_000_000);
                return device is null || baud is null ? null : new BusDescription(id, BusKind.Serial, 0, device, baud.Value);
            }

            int? number = RequiredInt(e, path, "bus", 0, 255);
            return number is null ? null : new BusDescription(id, kind.Value, number.Value, null, 0);
        }

        private DeviceDescription? Device(JsonElement e, string path, List<BusDescription> buses)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            UnknownFields(e, path, DeviceFields);
            string? id = RequiredString(e, path, "id");
            string? driver = RequiredString(e, path, "driver");
            string? busId = RequiredString(e, path, "bus");
            if (id is null || driver is null || busId is null)
            {
                return null;
            }

            if (!KnownDrivers.All.TryGetValue(driver, out KnownDrivers.Entry? entry))
            {
                Error($"{path}.driver", $"unknown driver '{driver}' (known: {string.Join(", ", KnownDrivers.All.Keys)})");
                return null;
            }

            BusDescription? bus = buses.Find(b => b.Id == busId);
            if (bus is null)
            {
                if (!_declaredBusIds.Contains(busId))
                {
                    Error($"{path}.bus", $"no bus with id '{busId}' in $.buses");
                }

                return null;
            }

            if (!entry.Buses.Contains(bus.Kind))
            {
                Error($"{path}.bus", $"driver '{driver}' cannot sit on {bus.Kind} bus '{busId}' (it needs {string.Join(" or ", entry.Buses)})");
                return null;
            }

            int? address = null, chipSelect = null, clock = null;
            if (bus.Kind == BusKind.I2c)
            {
                address = Address(e, path, "address");
            }
            else if (bus.Kind == BusKind.Spi)
            {
                chipSelect = RequiredInt(e, path, "chipSelect", 0, 15);
                clock = e.TryGetProperty("spiClockHz", out _) ? RequiredInt(e, path, "spiClockHz", 100_000, 50_000_000) : null;
            }

            SensorRotation rotation = default;
            if (e.TryGetProperty("rotation", out JsonElement r))
            {
                rotation = Rotation(r, $"{path}.rotation");
            }
            else if (entry.NeedsRotation)
            {
                Error($"{path}.rotation", $"missing: a {entry.Kind} needs its mounting rotation (e.g. \"ROTATION_NONE\")");
            }

            return new DeviceDescription(id, driver, entry.Kind, busId, address, chipSelect, clock, rotation);
        }

        private PwmDescription? Pwm(JsonElement e, string path, List<BusDescription> buses)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            UnknownFields(e, path, PwmFields);
            string? driver = RequiredString(e, path, "driver");
            double? frequency = RequiredNumber(e, path, "frequencyHz", 24, 1526);
            switch (driver)
            {
                case "pca9685":
                {
                    string? busId = RequiredString(e, path, "bus");
                    int? address = Address(e, path, "address");
                    BusDescription? bus = busId is null ? null : buses.Find(b => b.Id == busId);
                    if (busId is not null && (bus is null ? !_declaredBusIds.Contains(busId) : bus.Kind != BusKind.I2c))
                    {
                        Error($"{path}.bus", $"'{busId}' is not an i2c bus in $.buses");
                    }

                    return busId is null || address is null || frequency is null ? null
                        : new PwmDescription(driver, busId, address, null, frequency.Value, Pca9685.Pca9685.ChannelCount);
                }

                case "sysfs":
                {
                    int? chip = RequiredInt(e, path, "chip", 0, 63);
                    int? channels = RequiredInt(e, path, "channels", 1, 32);
                    return chip is null || channels is null || frequency is null ? null
                        : new PwmDescription(driver, null, null, chip, frequency.Value, channels.Value);
                }

                case null:
                    return null;
                default:
                    Error($"{path}.driver", $"unknown PWM driver '{driver}' (pca9685 or sysfs)");
                    return null;
            }
        }

        private MotorDescription? Motor(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            UnknownFields(e, path, MotorFields);
            int? number = RequiredInt(e, path, "number", 1, 16);
            int? channel = RequiredInt(e, path, "channel", 0, 31);
            string? direction = RequiredString(e, path, "direction");
            if (direction is not null and not "cw" and not "ccw")
            {
                Error($"{path}.direction", $"'{direction}' is not cw or ccw");
                return null;
            }

            return number is null || channel is null || direction is null ? null : new MotorDescription(number.Value, channel.Value, direction == "cw");
        }

        private SensorRotation Rotation(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String)
            {
                string name = e.GetString()!;
                if (SensorRotation.TryParse(name, out SensorRotation named))
                {
                    return named;
                }

                Error(path, $"'{name}' is not a rotation name (PX4 style: ROTATION_NONE, ROTATION_YAW_90, ROTATION_ROLL_180_YAW_270)");
                return default;
            }

            if (e.ValueKind == JsonValueKind.Object)
            {
                UnknownFields(e, path, RotationFields);
                double roll = RequiredNumber(e, path, "rollDeg", -360, 360) ?? 0;
                double pitch = RequiredNumber(e, path, "pitchDeg", -360, 360) ?? 0;
                double yaw = RequiredNumber(e, path, "yawDeg", -360, 360) ?? 0;
                return new SensorRotation(roll, pitch, yaw);
            }

            Error(path, "must be a rotation name or an object {rollDeg, pitchDeg, yawDeg}");
            return default;
        }

        private void BusConflicts(List<DeviceDescription> devices, List<BusDescription> buses)
        {
            for (int i = 0; i < devices.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    DeviceDescription a = devices[i], b = devices[j];
                    if (a.Bus != b.Bus)
                    {
                        continue;
                    }

                    BusKind kind = buses.First(x => x.Id == a.Bus).Kind;
                    if (kind == BusKind.I2c && a.Address is not null && a.Address == b.Address)
                    {
                        Error($"$.devices[{Index(devices, a)}].address", $"address 0x{a.Address:X2} on bus '{a.Bus}' is already used by device '{b.Id}'");
                    }
                    else if (kind == BusKind.Spi && a.ChipSelect is not null && a.ChipSelect == b.ChipSelect)
                    {
                        Error($"$.devices[{Index(devices, a)}].chipSelect", $"chip select {a.ChipSelect} on bus '{a.Bus}' is already used by device '{b.Id}'");
                    }
                    else if (kind == BusKind.Serial)
                    {
                        Error($"$.devices[{Index(devices, a)}].bus", $"serial port '{a.Bus}' is already used by device '{b.Id}'");
                    }
                }
            }
        }

        private void MotorChecks(List<MotorDescription> motors, PwmDescription pwm, string frame)
        {
            if (KnownDrivers.Frames.TryGetValue(frame, out int expected) && motors.Count != expected)
            {
                Error("$.motors", $"frame '{frame}' has {expected} motors, the file lists {motors.Count}");
            }

            for (int i = 0; i < motors.Count; i++)
            {
                if (motors[i].Channel >= pwm.ChannelCount)
                {
                    Error($"$.motors[{i}].channel", $"channel {motors[i].Channel} does not exist: the {pwm.Driver} output has {pwm.ChannelCount} channels (0..{pwm.ChannelCount - 1})");
                }

                for (int j = 0; j < i; j++)
                {
                    if (motors[j].Channel == motors[i].Channel)
                    {
                        Error($"$.motors[{i}].channel", $"channel {motors[i].Channel} is already driven by motor {motors[j].Number}");
                    }

                    if (motors[j].Number == motors[i].Number)
                    {
                        Error($"$.motors[{i}].number", $"motor {motors[i].Number} is listed twice");
                    }
                }

                if (motors[i].Number > motors.Count)
                {
                    Error($"$.motors[{i}].number", $"motor numbers must run 1..{motors.Count} without gaps; {motors[i].Number} is beyond");
                }
            }
        }

        private List<T> Array<T>(JsonElement parent, string parentPath, string name, Func<JsonElement, string, T?> item)
            where T : class
        {
            var list = new List<T>();
            string path = $"{parentPath}.{name}";
            if (!parent.TryGetProperty(name, out JsonElement array))
            {
                Missing(parentPath, name);
                return list;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Error(path, $"must be an array, found {Describe(array)}");
                return list;
            }

            int i = 0;
            foreach (JsonElement e in array.EnumerateArray())
            {
                T? value = item(e, $"{path}[{i}]");
                if (value is not null)
                {
                    list.Add(value);
                }

                i++;
            }

            return list;
        }

        private void Duplicates(List<string> ids, string arrayPath, string field, string what)
        {
            for (int i = 0; i < ids.Count; i++)
            {
                if (ids.IndexOf(ids[i]) < i)
                {
                    Error($"{arrayPath}[{i}].{field}", $"{what} '{ids[i]}' is used twice");
                }
            }
        }

        private int? Address(JsonElement e, string path, string name)
        {
            if (!e.TryGetProperty(name, out JsonElement value))
            {
                Missing(path, name);
                return null;
            }

            int parsed;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n))
            {
                parsed = n;
            }
            else if (value.ValueKind == JsonValueKind.String && value.GetString() is string s && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int hex))
            {
                parsed = hex;
            }
            else
            {
                Error($"{path}.{name}", $"must be an I2C address as a number or \"0x..\" text, found {Describe(value)}");
                return null;
            }

            if (parsed is < 0x08 or > 0x77)
            {
                Error($"{path}.{name}", $"0x{parsed:X2} is outside the 7-bit I2C address range 0x08..0x77");
                return null;
            }

            return parsed;
        }

        private string? RequiredString(JsonElement e, string path, string name)
        {
            if (!e.TryGetProperty(name, out JsonElement value))
            {
                Missing(path, name);
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Error($"{path}.{name}", $"must be a non-empty string, found {Describe(value)}");
                return null;
            }

            return value.GetString();
        }

        private string? OptionalString(JsonElement e, string path, string name) =>
            e.TryGetProperty(name, out _) ? RequiredString(e, path, name) : null;

        private int? RequiredInt(JsonElement e, string path, string name, int min, int max)
        {
            if (!e.TryGetProperty(name, out JsonElement value))
            {
                Missing(path, name);
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n))
            {
                Error($"{path}.{name}", $"must be an integer, found {Describe(value)}");
                return null;
            }

            if (n < min || n > max)
            {
                Error($"{path}.{name}", $"{n} is outside {min}..{max}");
                return null;
            }

            return n;
        }

        private double? RequiredNumber(JsonElement e, string path, string name, double min, double max)
        {
            if (!e.TryGetProperty(name, out JsonElement value))
            {
                Missing(path, name);
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                Error($"{path}.{name}", $"must be a number, found {Describe(value)}");
                return null;
            }

            double d = value.GetDouble();
            if (d < min || d > max)
            {
                Error($"{path}.{name}", $"{d.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            return d;
        }

        private bool IsObject(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(path, $"must be an object, found {Describe(e)}");
            return false;
        }

        private void UnknownFields(JsonElement e, string path, string[] known)
        {
            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (!known.Contains(p.Name))
                {
                    Error($"{path}.{p.Name}", $"unknown field (known here: {string.Join(", ", known)})");
                }
            }
        }

        private PwmDescription? Missing(string path, string name)
        {
            Error($"{path}.{name}", "missing required field");
            return null;
        }

        private T Invalid<T>(string path, string problem)
        {
            Error(path, problem);
            return default!;
        }

        private void Error(string path, string problem) => Errors.Add(new BoardError(file, path, problem));

        private static int Index(List<DeviceDescription> devices, DeviceDescription d) => devices.IndexOf(d);

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"\"{e.GetString()}\"",
            JsonValueKind.Number => e.GetRawText(),
            _ => e.ValueKind.ToString().ToLowerInvariant(),
        };
    }
}
