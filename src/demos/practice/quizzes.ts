/**
 * The practice page's quizzes: the one source for both the interactive questions and the static
 * answers readers get without JavaScript (Quiz.astro renders both). Text may mark `code` with
 * backticks. pool-mistakes.test.ts runs every ProcessPoolExecutor snippet on real CPython.
 */

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface Question {
  readonly id: string;
  readonly prompt: string;
  /** A Python snippet shown under the prompt. */
  readonly code?: string;
  readonly answer: string;
  /** Why the answer is right: shown after any choice. */
  readonly why: string;
  /** The trap in a wrong answer: shown only after one. */
  readonly trap?: string;
}

export interface Quiz {
  readonly id: string;
  /** Each question's legend, with {prompt} standing for its prompt. */
  readonly ask: string;
  readonly choices: readonly Choice[];
  readonly questions: readonly Question[];
  /** Without JavaScript: a table of answers, or each question with its answer in a disclosure. */
  readonly fallback: 'table' | 'details';
  /** Column headings of the fallback table. */
  readonly columns?: readonly [string, string, string];
}

const taskClasses: Quiz = {
  id: 'task-classes',
  ask: '{prompt}',
  fallback: 'table',
  columns: ['Task', 'Class', 'Why'],
  choices: [
    { value: 'io', label: 'I/O-bound' },
    { value: 'cpu-gil', label: 'CPU-bound, holds the GIL' },
    { value: 'cpu-c', label: 'CPU-bound in C, releases the GIL' },
  ],
  questions: [
    {
      id: 'web-api',
      prompt: 'Calling a web API for 200 user IDs',
      answer: 'io',
      why: 'the thread waits on the network with the GIL released; threads or asyncio help',
    },
    {
      id: 'database',
      prompt: 'Reading rows from a database server',
      answer: 'io',
      why: "most of the time is spent waiting for the server's answer",
    },
    { id: 'download', prompt: 'Downloading files', answer: 'io', why: 'socket reads release the GIL' },
    {
      id: 'hash-file',
      prompt: 'Hashing a 2 GB file with `hashlib.sha256` in 1 MiB chunks',
      answer: 'cpu-c',
      why: 'hashlib releases the GIL while it hashes large data, as its docs say (more than 2047 bytes at once, the documented figure); 1 MiB chunks are far above that on every version, so threads can hash several files in parallel',
      trap: 'Reading the file is I/O, but with 1 MiB chunks the hashing dominates, and it is hashlib’s C code that lets go of the GIL.',
    },
    {
      id: 'zlib',
      prompt: 'Compressing large buffers with `zlib`',
      answer: 'cpu-c',
      why: 'deflate runs with the GIL released (the C API docs name zlib and hashlib as modules that release it)',
    },
    {
      id: 'numpy-matmul',
      prompt: 'Multiplying float64 matrices with NumPy',
      answer: 'cpu-c',
      why: "NumPy calls BLAS with the GIL released (mind BLAS's own threads)",
      trap: 'NumPy is called from Python, but the product itself runs in BLAS with the GIL released.',
    },
    {
      id: 'pillow',
      prompt: 'Resizing images with Pillow',
      answer: 'cpu-c',
      why: "Pillow's resampling runs in C inside ImagingSectionEnter/ImagingSectionLeave, which release the GIL",
    },
    {
      id: 'json',
      prompt: 'Parsing a 200 MB JSON document with `json.loads`',
      answer: 'cpu-gil',
      why: 'the C parser builds Python objects and keeps the GIL',
      trap: 'Being written in C is not enough: code that creates Python objects as it goes cannot let go of the GIL.',
    },
    {
      id: 'regex',
      prompt: 'Running a regular expression over a big string',
      answer: 'cpu-gil',
      why: 'the `re` engine keeps the GIL while it matches',
      trap: 'The `re` engine is C code, but it does not release the GIL, so two threads matching take turns.',
    },
    {
      id: 'sort',
      prompt: 'Sorting a list of a million Python objects',
      answer: 'cpu-gil',
      why: 'the sort and every comparison run under the GIL',
    },
    {
      id: 'np-concatenate',
      prompt: 'Concatenating large float64 NumPy arrays with `np.concatenate`',
      answer: 'cpu-c',
      why: 'the copy runs in raw_array_assign_array (numpy/_core/src/multiarray/array_assign_array.c), which releases the GIL for dtypes that need no Python API once there are more than a few hundred elements',
      trap: 'It is C code that only copies numbers, and NumPy lets go of the GIL for it. Not every NumPy call does: `np.sum` of an object array runs Python’s `+` for each element and keeps the GIL.',
    },
    {
      id: 'game-of-life',
      prompt: 'Simulating a game of life in nested Python loops',
      answer: 'cpu-gil',
      why: 'pure bytecode; use processes, or threads on a free-threaded build (3.14t, 3.15t)',
    },
  ],
};

const poolMistakes: Quiz = {
  id: 'pool-mistakes',
  ask: 'What is wrong with {prompt}?',
  fallback: 'details',
  choices: [
    { value: 'lambda', label: 'A lambda cannot be pickled' },
    { value: 'closure', label: 'A nested function cannot be pickled' },
    { value: 'guard', label: 'No `if __name__ == "__main__":` guard' },
    { value: 'huge', label: 'Every task copies a huge argument' },
    { value: 'unread', label: 'Results never read, so errors vanish' },
    { value: 'ok', label: 'Nothing: it is correct' },
  ],
  questions: [
    {
      id: 'lambda',
      prompt: 'snippet 1',
      code: `from concurrent.futures import ProcessPoolExecutor

def cpu_intensive(n):
    return sum(i * i for i in range(n))

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=4) as executor:
        results = list(executor.map(lambda n: cpu_intensive(n), [10**6] * 4))
    print(results)`,
      answer: 'lambda',
      why: "Each task is pickled to reach a worker process, and pickle stores a function by its module and name. A lambda has no name to look up, so every task fails with `PicklingError: Can't pickle <function <lambda> …>` when the results are read (3.9 to 3.13). Pass `cpu_intensive` itself: `executor.map(cpu_intensive, [10**6] * 4)`.",
    },
    {
      id: 'no-guard',
      prompt: 'snippet 2',
      code: `import multiprocessing
from concurrent.futures import ProcessPoolExecutor

def cpu_intensive(n):
    return sum(i * i for i in range(n))

ctx = multiprocessing.get_context("spawn")  # the default on Windows and macOS
with ProcessPoolExecutor(max_workers=4, mp_context=ctx) as executor:
    results = list(executor.map(cpu_intensive, [10**6] * 4))
print(results)`,
      answer: 'guard',
      why: 'A spawned worker starts a fresh interpreter and imports the main module, which runs its top level again and tries to start a pool of its own. Each worker stops with `RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase`, and the parent gets `BrokenProcessPool`. Put the pool under `if __name__ == "__main__":`. With fork, the Linux default up to 3.13, the same code happens to work, which is how the mistake survives; Linux defaults to forkserver from 3.14.',
    },
    {
      id: 'correct',
      prompt: 'snippet 3',
      code: `from concurrent.futures import ProcessPoolExecutor

def cpu_intensive(n):
    return sum(i * i for i in range(n))

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=4) as executor:
        results = list(executor.map(cpu_intensive, [10**6] * 4))
    print(results)`,
      answer: 'ok',
      why: 'A module-level function (picklable by name), small arguments, the pool inside the `__main__` guard and a `with` block, and `list()` to read the results so that any error in a worker is raised here. This works with every start method.',
      trap: 'Look again: the function is defined at module level, the pool is under the guard, and the results are read.',
    },
    {
      id: 'closure',
      prompt: 'snippet 4',
      code: `from concurrent.futures import ProcessPoolExecutor

def cpu_intensive(n):
    return sum(i * i for i in range(n))

def main(scale):
    def task(n):
        return cpu_intensive(n) * scale
    with ProcessPoolExecutor(max_workers=4) as executor:
        return list(executor.map(task, [10**6] * 4))

if __name__ == "__main__":
    print(main(scale=2))`,
      answer: 'closure',
      why: 'The nested `task` exists only inside one call of `main`, so a worker cannot import it by name: the results raise an `AttributeError` about the local object `main.<locals>.task` (3.9 to 3.13). Move `task` to module level and pass `scale` as an argument, for example `executor.map(task, ns, [scale] * len(ns))` or `functools.partial(task, scale=scale)`.',
    },
    {
      id: 'unread',
      prompt: 'snippet 5',
      code: `from concurrent.futures import ProcessPoolExecutor

def size(path):
    with open(path) as f:
        return len(f.read())

if __name__ == "__main__":
    paths = ["a.txt", "b.txt", "missing.txt"]
    with ProcessPoolExecutor() as executor:
        executor.map(size, paths)
    print("all files read")`,
      answer: 'unread',
      why: 'The worker raises `FileNotFoundError` for `missing.txt`, but `map()` only hands an error over when you iterate its results. Nobody does, so the program prints "all files read" and exits normally. Use `sizes = list(executor.map(size, paths))`, and the error is raised in the parent.',
    },
    {
      id: 'huge-argument',
      prompt: 'snippet 6',
      code: `from concurrent.futures import ProcessPoolExecutor

def count(lines, word):
    return sum(word in line for line in lines)

if __name__ == "__main__":
    with open("access.log") as f:
        lines = f.read().splitlines()  # 20 million lines
    words = ["GET", "POST", "PUT", "DELETE"]
    with ProcessPoolExecutor(max_workers=4) as executor:
        counts = list(executor.map(count, [lines] * 4, words))
    print(dict(zip(words, counts)))`,
      answer: 'huge',
      why: 'It prints the right counts, slowly. Every task’s arguments are pickled and sent through a pipe to its worker, so the whole log is serialized and copied four times, and each worker holds its own copy in memory. Split the data instead of the question: give each worker a slice of the lines (or a byte range of the file to read itself) and count all four words in it.',
    },
  ],
};

export const QUIZZES = { 'task-classes': taskClasses, 'pool-mistakes': poolMistakes } as const;
export type QuizName = keyof typeof QUIZZES;

/** Splits `code` spans out of a text, for rendering without ever treating the text as HTML. */
export function codeSpans(text: string): { code: boolean; text: string }[] {
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? { code: true, text: part.slice(1, -1) }
        : { code: false, text: part },
    );
}
