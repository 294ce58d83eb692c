namespace StrategicTech.Autopilot.Parameters;

/// <summary>
/// Saves a <see cref="ParameterStore"/> to its file from a background thread. <see cref="Request"/> runs on the loop
/// (after an accepted PARAM_SET): it copies the values into a preallocated snapshot — no I/O, no allocation — and the
/// thread writes the newest snapshot (through a temporary file and a rename, as <see cref="ParameterStore.SaveFile"/>
/// does). Requests that arrive while a write is pending are coalesced into it (a ground station loading a parameter
/// file sends hundreds of PARAM_SETs; the file is written a few times, always ending with the last values).
/// <see cref="Dispose"/> writes the last pending snapshot before returning.
/// </summary>
public sealed class ParameterFilePersister : IDisposable
{
    private readonly ParameterStore _store;
    private readonly string _path;
    private readonly double[] _pending;
    private readonly double[] _writing;
    private readonly Lock _snapshotLock = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private bool _hasPending;
    private long _requests;
    private long _writes;
    private long _writeErrors;
    private bool _disposed;

    public ParameterFilePersister(ParameterStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _store = store;
        _path = path;
        _pending = new double[store.Count];
        _writing = new double[store.Count];
        _thread = new Thread(Run) { IsBackground = true, Name = "parameter-file" };
        _thread.Start();
    }

    /// <summary>Save requests made (each accepted PARAM_SET).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Files written; fewer than <see cref="Requests"/> when requests were coalesced.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Writes that failed (disk full, permissions); the values stay set in memory.</summary>
    public long WriteErrors => Interlocked.Read(ref _writeErrors);

    /// <summary>Loop side: snapshots the store's values for the background writer. Matches <c>Action&lt;ParameterStore&gt;</c>.</summary>
    public void Request(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ReferenceEquals(store, _store))
        {
            throw new ArgumentException("the persister saves the store it was built for", nameof(store));
        }

        // The lock only guards a copy of a few hundred doubles against the writer's swap: never held across I/O.
        lock (_snapshotLock)
        {
            store.CopyValuesTo(_pending);
            _hasPending = true;
        }

        Interlocked.Increment(ref _requests);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        while (true)
        {
            bool stopping = _stopping;
            if (!TakePending())
            {
                if (stopping)
                {
                    return;
                }

                Thread.Sleep(20);
                continue;
            }

            try
            {
                _store.SaveFile(_path, _writing);
                Interlocked.Increment(ref _writes);
            }
#pragma warning disable CA1031 // A failing disk must not kill the writer: count it; the next request retries.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _writeErrors);
            }
        }
    }

    private bool TakePending()
    {
        lock (_snapshotLock)
        {
            if (!_hasPending)
            {
                return false;
            }

            _pending.CopyTo(_writing, 0);
            _hasPending = false;
            return true;
        }
    }
}
