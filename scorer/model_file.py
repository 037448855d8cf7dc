"""Reading a model file's contents without running code from it.

A model file is a joblib pickle of numpy arrays, numbers, strings and
dictionaries (`scorer.model`). Unpickling runs whatever callables a file
names, so a planted file with a matching sidecar (the sidecar sits beside it,
and anyone who can replace one can replace both) could run commands as the
server. Here the unpickler may build only numpy arrays and dtypes and joblib's
wrapper for them, refuses arrays of Python objects (joblib reads those with a
nested pickle), and inflates the compressed file to a bounded size.

Not compiled with mypyc: the unpickler subclasses joblib's, a Python class.
"""

from __future__ import annotations

import inspect
import io
import pickle
import zlib
from typing import Any, ClassVar

__all__ = ["ALLOWED_GLOBALS", "UnsafeModelFile", "read_model_bytes"]

#: Every global a model file written by `scorer train` refers to.
ALLOWED_GLOBALS = frozenset(
    {("joblib.numpy_pickle", "NumpyArrayWrapper"), ("numpy", "dtype"), ("numpy", "ndarray")}
)


class UnsafeModelFile(ValueError):
    """The file is not a model `scorer train` could have written: it names other code, or is not joblib's zlib."""


def read_model_bytes(raw: bytes, max_inflated: int) -> Any:
    """The object a zlib-compressed joblib model file holds, read with the restricted unpickler.

    Raises `UnsafeModelFile` for anything outside `ALLOWED_GLOBALS`, an array of
    Python objects, a file that is not zlib-compressed or that inflates beyond
    `max_inflated` bytes; other errors as unpickling raises them.
    """
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, max_inflated)
    except zlib.error:
        raise UnsafeModelFile("not a zlib-compressed joblib file") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise UnsafeModelFile(f"inflates beyond {max_inflated:,} bytes, or is cut short")
    return _unpickler(io.BytesIO(data)).load()


def _unpickler(handle: io.BytesIO) -> Any:
    import numpy
    from joblib.numpy_pickle import NumpyArrayWrapper, NumpyUnpickler

    read_takes_byte_order = len(inspect.signature(NumpyArrayWrapper.read).parameters) > 2

    class Restricted(NumpyUnpickler):  # type: ignore[misc]
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) not in ALLOWED_GLOBALS:
                raise UnsafeModelFile(f"it refers to {module}.{name}, which no model file needs")
            return super().find_class(module, name)

        def load_build(self) -> None:
            # The state is applied first (by pickle's own BUILD), then the wrapper is checked as built:
            # a check of the state alone was passed by a wrapper built by calling its class, or by the
            # (state, slots) form of BUILD, and joblib before 1.6 reads an object array with a plain,
            # unrestricted nested pickle.
            pickle._Unpickler.load_build(self)  # type: ignore[attr-defined]
            wrapper = self.stack[-1]
            if not isinstance(wrapper, NumpyArrayWrapper):
                return
            dtype = getattr(wrapper, "dtype", None)
            if not isinstance(dtype, numpy.dtype) or dtype.hasobject or getattr(wrapper, "subclass", None) is not (
                numpy.ndarray
            ):
                raise UnsafeModelFile("it holds an array of Python objects, which no model file needs")
            self.stack.pop()
            self.stack.append(wrapper.read(self, True) if read_takes_byte_order else wrapper.read(self))

        dispatch: ClassVar[dict[int, Any]] = dict(NumpyUnpickler.dispatch)
        dispatch[pickle.BUILD[0]] = load_build

    # joblib 1.5 added the byte-order argument; earlier versions take the file alone.
    if "ensure_native_byte_order" in inspect.signature(NumpyUnpickler.__init__).parameters:
        return Restricted("", handle, True)
    return Restricted("", handle)
