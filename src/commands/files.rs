//! The small files the signing commands read and write: key files, license files, checkpoints.
//! A file is read up to a limit (they are a few hundred bytes; a large one is not what was
//! meant), and a file is written only where none exists: creditctl never overwrites one.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::domain::refusal::Refusal;
use crate::domain::signing::MAX_FILE;
use crate::error::{Error, Kind, Result};

/// Why a small file could not be read.
pub enum ReadProblem {
    Missing,
    Directory,
    TooLarge,
    Io(io::Error),
}

impl ReadProblem {
    /// In words, for the messages of a file that was named as input.
    pub fn reason(&self) -> String {
        match self {
            ReadProblem::Missing => "it does not exist".into(),
            ReadProblem::Directory => "it is a directory".into(),
            ReadProblem::TooLarge => format!("it is larger than {} KiB", MAX_FILE / 1024),
            ReadProblem::Io(e) => format!("it cannot be read ({e})"),
        }
    }

    /// The usual error: a missing file is not found (exit 3), a directory or an oversized file
    /// is bad input (exit 2), anything else an I/O failure (exit 1).
    pub fn into_error(self, what: &str) -> Error {
        let message = format!("{what} cannot be used: {}", self.reason());
        match self {
            ReadProblem::Missing => Error::not_found(message),
            ReadProblem::Directory | ReadProblem::TooLarge => Error::usage(message),
            ReadProblem::Io(_) => Error::new(Kind::Internal, "io", message),
        }
    }
}

impl ReadProblem {
    /// Why a file could not be opened.
    pub fn from_open(e: io::Error) -> ReadProblem {
        match e.kind() {
            io::ErrorKind::NotFound => ReadProblem::Missing,
            io::ErrorKind::IsADirectory => ReadProblem::Directory,
            _ => ReadProblem::Io(e),
        }
    }
}

/// Opens a file to read it; a directory is refused here rather than at the first read.
pub fn open(path: &Path) -> std::result::Result<File, ReadProblem> {
    let file = File::open(path).map_err(ReadProblem::from_open)?;
    if file.metadata().map_err(ReadProblem::from_open)?.is_dir() {
        return Err(ReadProblem::Directory);
    }
    Ok(file)
}

/// The bytes of a small file, at most [`MAX_FILE`].
pub fn read_small(path: &Path) -> std::result::Result<Vec<u8>, ReadProblem> {
    let classify = ReadProblem::from_open;
    let file = open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(classify)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadProblem::TooLarge);
    }
    Ok(bytes)
}

/// Refused (exit 4) when `path` exists, even as a dangling link: checked before anything is
/// done, so that a command that would fail at the end writes nothing. [`create_new`] checks
/// again as it creates.
pub fn refuse_existing(path: &Path) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Refusal::FileExists {
            file: path.display().to_string(),
        }
        .into());
    }
    Ok(())
}

/// Creates `path` with `mode` (before the umask) and writes `bytes` to it, flushed to the disk.
/// An existing file is never opened (exit 4); a file that could not be written whole is removed.
pub fn create_new(path: &Path, mode: u32, bytes: &[u8]) -> Result<()> {
    let cannot = |e: io::Error| {
        if e.kind() == io::ErrorKind::StorageFull {
            return Error::disk_full();
        }
        Error::new(
            Kind::Internal,
            "io",
            format!("cannot write '{}': {e}", path.display()),
        )
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                Error::from(Refusal::FileExists {
                    file: path.display().to_string(),
                })
            } else {
                cannot(e)
            }
        })?;
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(cannot(e));
    }
    Ok(())
}

/// `path` with `suffix` appended to its file name (`key.pem` → `key.pem.pub`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}
