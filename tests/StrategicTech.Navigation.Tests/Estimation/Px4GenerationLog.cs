using System.Buffers.Binary;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Logs;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>PX4 generations whose ULog topic layouts differ in what a replay reads.</summary>
public enum Px4Generation
{
    /// <summary>v1.11: vehicle_gps_position with int lat/lon/alt; EKF2 states in estimator_status.states[24], per-step biases.</summary>
    V1_11,

    /// <summary>v1.13: sensor_gps with int lat/lon/alt; estimator_states.states[24] (estimator_status has none), per-step biases.</summary>
    V1_13,

    /// <summary>v1.15: vehicle_gps_position with float64 latitude_deg/longitude_deg/altitude_msl_m; estimator_states.states[25], per-second biases.</summary>
    V1_15,
}

/// <summary>
/// Writes a synthetic flight (<see cref="SyntheticFlight"/>) as a ULog in the topic formats of one PX4 generation, with
/// our <see cref="ULogWriter"/>. Only one real ULog is available offline, so these stand in for the others: field names
/// and types follow PX4's msg definitions of each version (the subset a replay reads plus neighbours that shift the
/// offsets), not byte-identical copies of real logs. EKF2's "reference" states are the truth, stamped at the truth's time,
/// with biases per step (×0.010 s) or per second as the generation logs them.
/// </summary>
internal static class Px4GenerationLog
{
    public const long ReferenceIntervalUs = 100_000;

    private const ushort Imu = 0, Mag = 1, Baro = 2, Gps = 3, Land = 4, Local = 5, States = 6, Status = 7;

    public static byte[] Write(Px4Generation generation, double seconds, int seed = 3, long imuIntervalUs = 4000, bool withGnss = true)
    {
        var flight = new SyntheticFlight(seed, new SyntheticSensorModel { ImuIntervalUs = imuIntervalUs });
        using var stream = new MemoryStream();
        var w = new ULogWriter(stream);
        w.WriteHeader(0);
        w.WriteFlagBits(0, 0);
        Span<byte> u32 = stackalloc byte[4];
        uint release = generation switch
        {
            Px4Generation.V1_11 => 0x010B03FF,
            Px4Generation.V1_13 => 0x010D03FF,
            _ => 0x010F00FF,
        };
        BinaryPrimitives.WriteUInt32LittleEndian(u32, release);
        w.WriteInfo("uint32_t ver_sw_release", u32);
        w.WriteFormat("sensor_combined:uint64_t timestamp;float[3] gyro_rad;uint32_t gyro_integral_dt;int32_t accelerometer_timestamp_relative;float[3] accelerometer_m_s2;uint32_t accelerometer_integral_dt;uint8_t accelerometer_clipping");
        w.WriteFormat("vehicle_magnetometer:uint64_t timestamp;uint64_t timestamp_sample;uint32_t device_id;float[3] magnetometer_ga;uint8_t calibration_count");
        w.WriteFormat("vehicle_air_data:uint64_t timestamp;uint64_t timestamp_sample;uint32_t baro_device_id;float baro_alt_meter;float baro_temp_celcius;float baro_pressure_pa;float rho");
        w.WriteFormat("vehicle_land_detected:uint64_t timestamp;float alt_max;bool freefall;bool ground_contact;bool maybe_landed;bool landed");
        w.WriteFormat("vehicle_local_position:uint64_t timestamp;uint64_t timestamp_sample;bool xy_valid;bool z_valid;float x;float y;float z;uint64_t ref_timestamp;double ref_lat;double ref_lon;float ref_alt;bool xy_global;bool z_global");
        string gpsTopic = generation == Px4Generation.V1_13 ? "sensor_gps" : "vehicle_gps_position";
        w.WriteFormat(generation == Px4Generation.V1_15
            ? $"{gpsTopic}:uint64_t timestamp;uint64_t timestamp_sample;uint32_t device_id;double latitude_deg;double longitude_deg;double altitude_msl_m;double altitude_ellipsoid_m;float s_variance_m_s;float c_variance_rad;uint8_t fix_type;float eph;float epv;float vel_m_s;float vel_n_m_s;float vel_e_m_s;float vel_d_m_s;float cog_rad;bool vel_ned_valid;uint8_t satellites_used"
            : $"{gpsTopic}:uint64_t timestamp;uint64_t time_utc_usec;int32_t lat;int32_t lon;int32_t alt;int32_t alt_ellipsoid;float s_variance_m_s;float c_variance_rad;float eph;float epv;float vel_m_s;float vel_n_m_s;float vel_e_m_s;float vel_d_m_s;float cog_rad;uint8_t fix_type;bool vel_ned_valid;uint8_t satellites_used");
        int stateCount = generation == Px4Generation.V1_15 ? 25 : 24;
        if (generation == Px4Generation.V1_11)
        {
            w.WriteFormat("estimator_status:uint64_t timestamp;float[24] states;float n_states;float[3] vibe;float[24] covariances;uint32_t control_mode_flags");
        }
        else
        {
            w.WriteFormat($"estimator_states:uint64_t timestamp;uint64_t timestamp_sample;float[{stateCount}] states;uint8_t n_states;float[24] covariances");
            w.WriteFormat("estimator_status:uint64_t timestamp;uint64_t timestamp_sample;float[3] vibe;uint32_t control_mode_flags;uint32_t filter_fault_flags");
        }

        w.WriteAddSubscription(0, Imu, "sensor_combined");
        w.WriteAddSubscription(0, Mag, "vehicle_magnetometer");
        w.WriteAddSubscription(0, Baro, "vehicle_air_data");
        w.WriteAddSubscription(0, Gps, gpsTopic);
        w.WriteAddSubscription(0, Land, "vehicle_land_detected");
        w.WriteAddSubscription(0, Local, "vehicle_local_position");
        w.WriteAddSubscription(0, Status, "estimator_status");
        if (generation != Px4Generation.V1_11)
        {
            w.WriteAddSubscription(0, States, "estimator_states");
        }

        var buffer = new byte[512];
        bool? landed = null;
        long endUs = (long)(seconds * 1e6);
        while (flight.TimeUs < endUs)
        {
            flight.Step();
            long t = flight.TimeUs;
            ImuSample imu = flight.Imu;
            w.WriteData(Imu, new Packer(buffer).U64(t).Vec(imu.DeltaAngleRad / imu.DtS).U32((uint)imuIntervalUs).I32(0).Vec(imu.DeltaVelocityMps / imu.DtS).U32((uint)imuIntervalUs).U8(0).Written);
            if (flight.HasMag)
            {
                w.WriteData(Mag, new Packer(buffer).U64(t).U64(t).U32(1).Vec(flight.Mag.FieldGauss).U8(1).Written);
            }

            if (flight.HasBaro)
            {
                w.WriteData(Baro, new Packer(buffer).U64(t).U64(t).U32(2).F32(flight.Baro.AltitudeM).F32(20).F32(95_000).F32(1.2).Written);
            }

            if (flight.HasGnss && withGnss)
            {
                GnssSample g = flight.Gnss;
                double lat = g.Position.LatitudeDeg, lon = g.Position.LongitudeDeg, alt = g.Position.HeightM;
                Vector3 v = g.VelocityNedMps;
                Packer p = new Packer(buffer).U64(g.TimeUs);
                p = generation == Px4Generation.V1_15
                    ? p.U64(g.TimeUs).U32(3).F64(lat).F64(lon).F64(alt).F64(alt + 48).F32(0.1).F32(0.1).U8(3).F32(0.5).F32(0.8).F32(v.Length).F32(v.X).F32(v.Y).F32(v.Z).F32(0).U8(1).U8(12)
                    : p.U64(0).I32((int)Math.Round(lat * 1e7)).I32((int)Math.Round(lon * 1e7)).I32((int)Math.Round(alt * 1e3)).I32((int)Math.Round((alt + 48) * 1e3))
                        .F32(0.1).F32(0.1).F32(0.5).F32(0.8).F32(v.Length).F32(v.X).F32(v.Y).F32(v.Z).F32(0).U8(3).U8(1).U8(12);
                w.WriteData(Gps, p.Written);
            }

            if (landed != !flight.InAir)
            {
                landed = !flight.InAir;
                w.WriteData(Land, new Packer(buffer).U64(t).F32(100).U8(0).U8(landed.Value ? (byte)1 : (byte)0).U8(landed.Value ? (byte)1 : (byte)0).U8(landed.Value ? (byte)1 : (byte)0).Written);
            }

            if (t % ReferenceIntervalUs == 0)
            {
                w.WriteData(Local, new Packer(buffer).U64(t).U64(t).U8(1).U8(1).Vec(flight.TruePositionNedM).U64(0)
                    .F64(SyntheticFlight.Origin.LatitudeDeg).F64(SyntheticFlight.Origin.LongitudeDeg).F32(SyntheticFlight.Origin.HeightM).U8(1).U8(1).Written);
                double biasScale = generation == Px4Generation.V1_15 ? 1.0 : 0.010;
                Quaternion q = flight.TrueAttitude;
                var states = new double[stateCount];
                states[0] = q.W;
                states[1] = q.X;
                states[2] = q.Y;
                states[3] = q.Z;
                Set(states, 4, flight.TrueVelocityNedMps);
                Set(states, 7, flight.TruePositionNedM);
                Set(states, 10, flight.TrueGyroBiasRadps * biasScale);
                Set(states, 13, flight.TrueAccelBiasMps2 * biasScale);
                Set(states, 16, SyntheticFlight.EarthFieldNedGauss);
                Packer packer = new Packer(buffer).U64(t);
                if (generation == Px4Generation.V1_11)
                {
                    packer = packer.Floats(states).F32(24).Vec(Vector3.Zero).Floats(new double[24]).U32(0);
                    w.WriteData(Status, packer.Written);
                }
                else
                {
                    packer = packer.U64(t).Floats(states).U8((byte)stateCount).Floats(new double[24]);
                    w.WriteData(States, packer.Written);
                    w.WriteData(Status, new Packer(buffer).U64(t).U64(t).Vec(Vector3.Zero).U32(0).U32(0).Written);
                }
            }
        }

        return stream.ToArray();
    }

    private static void Set(double[] states, int at, Vector3 v)
    {
        states[at] = v.X;
        states[at + 1] = v.Y;
        states[at + 2] = v.Z;
    }

    /// <summary>Little-endian packing of one sample into a reused buffer, field by field.</summary>
    private sealed class Packer(byte[] buffer)
    {
        private readonly byte[] _buffer = buffer;
        private int _at;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _at);

        public Packer U64(long v)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_at), (ulong)v);
            _at += 8;
            return this;
        }

        public Packer U32(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_at), v);
            _at += 4;
            return this;
        }

        public Packer I32(int v)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_at), v);
            _at += 4;
            return this;
        }

        public Packer U8(byte v)
        {
            _buffer[_at++] = v;
            return this;
        }

        public Packer F32(double v)
        {
            BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_at), (float)v);
            _at += 4;
            return this;
        }

        public Packer F64(double v)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_at), v);
            _at += 8;
            return this;
        }

        public Packer Vec(Vector3 v) => F32(v.X).F32(v.Y).F32(v.Z);

        public Packer Floats(double[] values)
        {
            foreach (double v in values)
            {
                F32(v);
            }

            return this;
        }
    }
}
