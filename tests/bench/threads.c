/* tests/bench/threads.c - bench workload W3: create and join 5,000 threads. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 5000
#define BATCH 50 /* threads alive at once */

static void *threads_work(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t tid[BATCH];
	long total = argc > 1 ? strtol(argv[1], NULL, 10) : THREADS;
	long done = 0;
	int i, n, err;

	while (done < total) {
		n = total - done < BATCH ? (int)(total - done) : BATCH;
		for (i = 0; i < n; i++) {
			err = pthread_create(&tid[i], NULL, threads_work, NULL);
			if (err) {
				fprintf(stderr, "threads: pthread_create: %s\n",
					strerror(err));
				return 1;
			}
		}
		for (i = 0; i < n; i++)
			pthread_join(tid[i], NULL);
		done += n;
	}
	return 0;
}
